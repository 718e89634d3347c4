namespace ChurnActors.Api.Contracts;

/// <summary>The JSON body of <c>GET /v1/users/{userId}</c>.</summary>
public sealed record CustomerResponse(
    string UserId,
    long EventsApplied,
    long LastSequence,
    long PersistedSequence,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, long> Counts,
    WindowsResponse Windows,
    long Orders,
    decimal Revenue,
    decimal GrossRevenue,
    long Refunds,
    decimal RefundedAmount,
    long Cancellations,
    decimal CancelledAmount,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastOrderAt,
    IReadOnlyList<string> MergedAnonymousIds,
    ScoreResponse Score,
    ClvResponse Clv,
    IReadOnlyList<EpisodeResponse> Episodes);
