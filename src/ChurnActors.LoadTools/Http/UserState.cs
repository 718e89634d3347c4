using ChurnActors.Api.Contracts;

namespace ChurnActors.LoadTools.Http;

/// <summary>The parts of <c>GET /v1/users/{id}</c> the CLI reports. Missing or unexpected fields are null.</summary>
public sealed record UserState(
    string UserId,
    long EventsApplied,
    long? Orders,
    decimal? Revenue,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    ScoreResponse? Score = null,
    IReadOnlyList<EpisodeResponse>? Episodes = null);
