namespace ChurnActors.LoadTools.Bench;

/// <summary>The client-side cross-check of event-to-score latency: acknowledgement to the event showing in <c>GET /v1/users</c>, in ms.</summary>
public sealed record ProbeLatencyReport(string Source, int Count, double P50, double P99, double Max, int TimedOut, string? FirstError);
