namespace ChurnActors.Api.Contracts;

/// <summary>The <c>score</c> block of <c>GET /v1/users/{userId}</c>.</summary>
public sealed record ScoreResponse(
    string Status,
    double? Probability,
    string? Band,
    DateTimeOffset? BandSince,
    double? Percentile,
    IReadOnlyList<string> Drivers,
    ModelResponse? Model,
    DateTimeOffset? ScoredAt,
    string? Reason,
    DateTimeOffset? NextWakeUp)
{
    /// <summary>
    /// The churn horizon in days the probability refers to: P(churn) is the chance of no order within this many days.
    /// Null when not scored or when the model does not record its horizon.
    /// </summary>
    public double? HorizonDays { get; init; }

    /// <summary>For a score of the shop's lifetime model (<c>bgnbd</c>), the BG/NBD inputs x, t_x and T; else null.</summary>
    public PurchasesResponse? Purchases { get; init; }
}
