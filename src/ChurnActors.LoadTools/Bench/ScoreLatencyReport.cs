namespace ChurnActors.LoadTools.Bench;

/// <summary>Event-to-score latency in ms as the host measured it (commit to grain rescored), and where it comes from.</summary>
public sealed record ScoreLatencyReport(string Source, long Count, double Mean, double P50, double P90, double P99, double P999, double Max);
