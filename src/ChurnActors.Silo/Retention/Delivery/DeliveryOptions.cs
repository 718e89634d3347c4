using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Bound from <c>ChurnActors:Retention:Delivery</c>: the Hangfire server and the retry schedule of webhooks.</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Retention:Delivery";

    private const string Key = SectionName + ":";

    /// <summary>Hangfire workers of this host. Delivery waits on the network, so several per core.</summary>
    [Range(1, 512, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int WorkerCount { get; set; } = 16;

    /// <summary>Runs the Hangfire server in this host. Off: the host enqueues and serves the dashboard, another host delivers.</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Connections of the delivery pool (Hangfire's storage and the delivery tables), beside the host's other pools.</summary>
    [Range(1, 1000, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int PoolSize { get; set; } = 12;

    /// <summary>Hangfire's schema in the engine's database.</summary>
    [RegularExpression("^[a-z_][a-z0-9_]*$", ErrorMessage = Key + "{0} must be a lower-case PostgreSQL identifier (e.g. hangfire).")]
    public string Schema { get; set; } = "hangfire";

    /// <summary>Creates or upgrades Hangfire's schema at start (Hangfire.PostgreSql's own scripts, under an advisory lock).</summary>
    public bool PrepareSchema { get; set; } = true;

    /// <summary>How often an idle worker asks the queue for a job: the latency of an immediate delivery on an idle host.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often due delayed deliveries and retries move to the queue: how late one can be, at most.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most actions whose first attempt shares one Hangfire job: actions enqueued while the previous job is being
    /// created go together, so Hangfire's per-job cost (about twenty statements) is paid once per batch under load.
    /// </summary>
    [Range(1, 1000, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Requests one batch job sends at once.</summary>
    [Range(1, 256, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int BatchParallelism { get; set; } = 16;

    /// <summary>Attempts per action before it is dead-lettered (the first attempt included).</summary>
    [Range(1, 100, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the second attempt; each later wait doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one waits this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Time limit of one POST, answer included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a job holds its queue entry before another worker may take it: a job whose process died (a crash, a
    /// SIGKILL) runs again this long after it started, under the same keys. It must outlast the longest job, a
    /// first-attempt batch of <see cref="MaxBatchSize"/> actions sent <see cref="BatchParallelism"/> at a time, each
    /// within <see cref="RequestTimeout"/>; otherwise a job still running would be taken a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a job can run: a full first-attempt batch, every request taking its whole time limit.</summary>
    public TimeSpan LongestJob => RequestTimeout * Math.Ceiling(MaxBatchSize / (double)BatchParallelism);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InvisibilityTimeout <= LongestJob)
        {
            yield return new ValidationResult(
                $"{Key}{nameof(InvisibilityTimeout)} ({InvisibilityTimeout}) must be longer than the longest delivery job, " +
                $"{nameof(RequestTimeout)} x ceiling({nameof(MaxBatchSize)} / {nameof(BatchParallelism)}) = {LongestJob}: " +
                $"raise it, or lower {nameof(RequestTimeout)} or {nameof(MaxBatchSize)}.",
                [nameof(InvisibilityTimeout)]);
        }
    }
}
