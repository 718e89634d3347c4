namespace ChurnActors.Abstractions;

/// <summary>A customer's latest churn score, as <c>GET /v1/users/{userId}</c> shows it under <c>score</c>.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ScoreView")]
public sealed record ScoreView
{
    /// <summary>"scored", "insufficient-data" or "not-scored".</summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>P(churn); null when not scored.</summary>
    [Id(1)] public double? Probability { get; init; }

    /// <summary>"low", "medium" or "high"; null when not scored.</summary>
    [Id(2)] public string? Band { get; init; }

    [Id(3)] public DateTimeOffset? BandSince { get; init; }

    /// <summary>Position among the customers the model was fitted on, 0-100.</summary>
    [Id(4)] public double? Percentile { get; init; }

    /// <summary>The strongest reasons for the risk, in words.</summary>
    [Id(5)] public required IReadOnlyList<string> Drivers { get; init; }

    [Id(6)] public string? ModelName { get; init; }

    [Id(7)] public string? ModelVersion { get; init; }

    [Id(8)] public DateTimeOffset? ScoredAt { get; init; }

    /// <summary>Why there is no score, when there is none.</summary>
    [Id(9)] public string? Reason { get; init; }

    /// <summary>When silence would next raise the band, should nothing happen (null when no wake-up is pending).</summary>
    [Id(10)] public DateTimeOffset? NextWakeUp { get; init; }

    /// <summary>
    /// The churn horizon in days the probability refers to (P(no order within this many days)); null when not scored
    /// or when the model does not record it.
    /// </summary>
    [Id(11)] public double? HorizonDays { get; init; }

    /// <summary>For a score of the shop's lifetime model, the customer's x, t_x and T it was computed from; else null.</summary>
    [Id(12)] public PurchasesView? Purchases { get; init; }
}
