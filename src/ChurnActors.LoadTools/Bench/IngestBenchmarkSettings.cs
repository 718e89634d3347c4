namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// One <c>bench ingest</c> run: the host and its keys (<see cref="ReadKey"/> reads customers for the verification),
/// the events (or <see cref="BenchWorkloadSettings.Unbounded"/> to send for <see cref="Duration"/>), the load shape and
/// the report.
/// </summary>
public sealed record IngestBenchmarkSettings(
    Uri Url,
    string WriteKey,
    string ReadKey,
    int Events,
    int BatchSize,
    int Concurrency,
    int Customers,
    double? Rate,
    TimeSpan? Duration,
    bool WarmCustomers,
    bool Json,
    TimeSpan VerifyTimeout,
    string? LatencyLogPath);
