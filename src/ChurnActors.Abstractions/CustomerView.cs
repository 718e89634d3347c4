namespace ChurnActors.Abstractions;

/// <summary>What the engine knows of one customer, as <c>GET /v1/users/{userId}</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.CustomerView")]
public sealed record CustomerView
{
    [Id(0)] public required string UserId { get; init; }

    [Id(1)] public long EventsApplied { get; init; }

    [Id(2)] public long LastSequence { get; init; }

    /// <summary>The sequence number reflected in the last persisted state.</summary>
    [Id(3)] public long PersistedSequence { get; init; }

    [Id(4)] public DateTimeOffset? FirstSeen { get; init; }

    [Id(5)] public DateTimeOffset? LastSeen { get; init; }

    [Id(6)] public required IReadOnlyDictionary<string, long> Counts { get; init; }

    [Id(7)] public required IReadOnlyDictionary<string, long> Last7Days { get; init; }

    [Id(8)] public required IReadOnlyDictionary<string, long> Last30Days { get; init; }

    [Id(9)] public required IReadOnlyDictionary<string, long> Last90Days { get; init; }

    [Id(10)] public DateTimeOffset WindowsAsOf { get; init; }

    [Id(11)] public long Orders { get; init; }

    [Id(12)] public decimal GrossRevenue { get; init; }

    [Id(13)] public long Refunds { get; init; }

    [Id(14)] public decimal RefundedAmount { get; init; }

    [Id(15)] public long Cancellations { get; init; }

    [Id(16)] public decimal CancelledAmount { get; init; }

    [Id(17)] public decimal NetRevenue { get; init; }

    [Id(18)] public DateTimeOffset? FirstOrderAt { get; init; }

    [Id(19)] public DateTimeOffset? LastOrderAt { get; init; }

    [Id(20)] public required IReadOnlyList<string> MergedAnonymousIds { get; init; }

    [Id(21)] public required ScoreView Score { get; init; }

    [Id(22)] public required ClvView Clv { get; init; }
}
