namespace ChurnActors.Api.Contracts;

/// <summary>
/// The dry run of an audience: how many customers it selects now, how many per band, up to 20 sample members with the
/// highest value at risk first, when it was evaluated (days and <c>withinDays</c> count back from then) and how many
/// milliseconds the database took.
/// </summary>
public sealed record AudiencePreviewResponse(
    long Count,
    AudienceBandsResponse Bands,
    IReadOnlyList<AudienceMemberResponse> Sample,
    DateTimeOffset EvaluatedAt,
    double ElapsedMs);
