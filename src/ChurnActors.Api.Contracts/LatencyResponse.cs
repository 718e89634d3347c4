namespace ChurnActors.Api.Contracts;

/// <summary>A latency distribution in milliseconds.</summary>
public sealed record LatencyResponse(long Count, double Mean, double P50, double P90, double P99, double P999, double Max);
