namespace ChurnActors.LoadTools.Bench;

/// <summary>Acknowledgement latency of <c>bench latency</c>'s batches, in ms.</summary>
public sealed record AckLatencyReport(int Count, double P50, double P90, double P99, double P999, double Max);
