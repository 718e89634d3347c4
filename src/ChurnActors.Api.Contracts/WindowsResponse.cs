namespace ChurnActors.Api.Contracts;

/// <summary>Event counts by type over the rolling windows, as of <see cref="AsOf"/>.</summary>
public sealed record WindowsResponse(
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, long> Last7Days,
    IReadOnlyDictionary<string, long> Last30Days,
    IReadOnlyDictionary<string, long> Last90Days);
