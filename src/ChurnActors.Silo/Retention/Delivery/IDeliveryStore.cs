namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// The record of every action's delivery, keyed by its idempotency key: what makes delivery idempotent when Hangfire
/// runs a job more than once.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>Records a new action as pending; false when the key is already recorded (nothing changes then).</summary>
    Task<bool> AddAsync(string idempotencyKey, string endpoint, string body, DateTimeOffset? notBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records new actions as pending in one statement; returns the keys that were new (known keys change nothing).</summary>
    Task<HashSet<string>> AddManyAsync(IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Notes the Hangfire job that makes the first attempt of these actions.</summary>
    Task SetJobAsync(IReadOnlyList<string> idempotencyKeys, string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims attempt <paramref name="attempt"/>: succeeds while the action is pending or retrying and its last
    /// attempt is the one before (or this one, when a job runs again after a crash). Null when the action is delivered,
    /// dead, unknown, or already past this attempt: the job then sends nothing.
    /// </summary>
    Task<ClaimedDelivery?> ClaimAsync(string idempotencyKey, int attempt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records an attempt and the delivery's new status.</summary>
    Task RecordAsync(string idempotencyKey, AttemptResult result, CancellationToken cancellationToken);

    /// <summary>Actions still pending without a job, recorded before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<(string IdempotencyKey, DateTimeOffset? NotBefore)>> UnscheduledAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>The dead-letter list, newest first.</summary>
    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken cancellationToken);
}
