namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// One <c>bench ingest</c> run: the host and its keys (<see cref="ReadKey"/> reads customers for the verification),
/// the events (or <see cref="BenchWorkloadSettings.Unbounded"/> to send for <see cref="Duration"/>), the load shape and
/// the report. With <see cref="Playbooks"/> above 0 it applies that many <see cref="BenchPlaybooks"/> first (admin key
/// <see cref="AdminKey"/>), delivering to the host's endpoint <see cref="Endpoint"/>, and serves a local webhook receiver
/// on <see cref="ReceiverPort"/> (the port that endpoint's URL names) for the run.
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
    string? LatencyLogPath,
    int Playbooks = 0,
    string? AdminKey = null,
    string Endpoint = BenchPlaybooks.DefaultEndpoint,
    int ReceiverPort = IngestBenchmarkSettings.DefaultReceiverPort,
    string? EntryCategory = null)
{
    /// <summary>Where the bench's webhook receiver listens unless told otherwise (127.0.0.1).</summary>
    public const int DefaultReceiverPort = 5199;
}
