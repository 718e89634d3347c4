using ChurnActors.Abstractions;

namespace ChurnActors.Silo.Apis;

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
    public static ScoreResponse From(ScoreView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new ScoreResponse(
            view.Status,
            view.Probability,
            view.Band,
            view.BandSince,
            view.Percentile,
            view.Drivers,
            view.ModelName is null ? null : new ModelResponse(view.ModelName, view.ModelVersion),
            view.ScoredAt,
            view.Reason,
            view.NextWakeUp);
    }
}
