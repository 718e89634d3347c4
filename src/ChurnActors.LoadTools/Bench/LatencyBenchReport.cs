namespace ChurnActors.LoadTools.Bench;

/// <summary>What <c>bench latency --json</c> writes (one line, camelCase).</summary>
/// <param name="SustainedProbe">The probed sustained maximum in events/s, when the rate was not given.</param>
/// <param name="ProbeLatencyMs">The client-side probe; null when it was off.</param>
public sealed record LatencyBenchReport(
    string Command,
    string RunId,
    string Url,
    double TargetRate,
    double? SustainedProbe,
    double DurationSeconds,
    int Customers,
    int Batch,
    int Concurrency,
    long Events,
    double EventsPerSecond,
    int Requests,
    int Errors,
    string? FirstError,
    AckLatencyReport AckLatencyMs,
    ScoreLatencyReport ScoreLatencyMs,
    ProbeLatencyReport? ProbeLatencyMs,
    LatencyTargets Targets);
