using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Grains.Retention;

/// <summary>How the customer grains run retention playbooks. Bound from <c>ChurnActors:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "ChurnActors:Retention";

    private const string Key = SectionName + ":";

    /// <summary>Whether band changes open episodes at all (playbooks can still be managed when off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each silo reads the enabled playbooks (an apply through this silo's API is seen at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan PlaybookRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo looks for due steps: a delayed step runs at most this much after its time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan StepPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed step is held before another silo may run it (a crash mid-step waits this long).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public TimeSpan StepLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most due steps claimed at once.</summary>
    [Range(1, 100_000, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int StepBatchSize { get; set; } = 1_000;

    /// <summary>Customers whose due steps run at the same time.</summary>
    [Range(1, 1_024, ErrorMessage = Key + "{0} must be between {1} and {2}.")]
    public int StepParallelism { get; set; } = 32;

    /// <summary>The days before entry whose revenue is an episode's covariate (CUPED).</summary>
    [Range(1, 90, ErrorMessage = Key + "{0} must be between {1} and {2} (the grain keeps 90 days of order revenue).")]
    public int PrePeriodDays { get; set; } = 90;
}
