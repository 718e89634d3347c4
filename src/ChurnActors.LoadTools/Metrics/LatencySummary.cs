namespace ChurnActors.LoadTools.Metrics;

/// <summary>Latency percentiles in milliseconds (all zero when nothing was recorded).</summary>
public record struct LatencySummary(int Count, double P50, double P90, double P99, double Max);
