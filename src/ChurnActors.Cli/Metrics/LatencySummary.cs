namespace ChurnActors.Cli.Metrics;

/// <summary>Latency percentiles in milliseconds (all zero when nothing was recorded).</summary>
internal readonly record struct LatencySummary(int Count, double P50, double P90, double P99, double Max);
