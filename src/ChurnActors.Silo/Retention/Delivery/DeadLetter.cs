namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>A dead-lettered action as stored.</summary>
public sealed record DeadLetter(
    string IdempotencyKey,
    string Endpoint,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset DeadLetteredAt,
    string Body);
