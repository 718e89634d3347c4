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
    DateTimeOffset? NextWakeUp);
