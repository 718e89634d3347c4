namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>What one attempt gave, as recorded.</summary>
/// <param name="Attempt">The attempt's number, from 1.</param>
/// <param name="StartedAt">When the request started.</param>
/// <param name="Duration">Until the answer (or the failure).</param>
/// <param name="StatusCode">The HTTP status, or null when no answer came.</param>
/// <param name="Error">Why it failed (the answer's status and start of its body, or the transport error); null on success.</param>
/// <param name="Status">Where the delivery stands after it: delivered, retrying or dead.</param>
/// <param name="NextAttemptAt">When the next attempt is due (retrying only).</param>
public sealed record AttemptResult(
    int Attempt,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? StatusCode,
    string? Error,
    DeliveryStatus Status,
    DateTimeOffset? NextAttemptAt);
