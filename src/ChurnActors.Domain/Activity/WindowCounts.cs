namespace ChurnActors.Domain.Activity;

/// <summary>Event counts by type over the rolling windows, as of one instant.</summary>
public sealed record WindowCounts(
    DateTimeOffset AsOf,
    IReadOnlyDictionary<string, long> Last7Days,
    IReadOnlyDictionary<string, long> Last30Days,
    IReadOnlyDictionary<string, long> Last90Days);
