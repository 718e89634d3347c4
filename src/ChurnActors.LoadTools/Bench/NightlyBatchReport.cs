namespace ChurnActors.LoadTools.Bench;

/// <summary>What <c>bench batch --json</c> writes (one line, camelCase).</summary>
public sealed record NightlyBatchReport(
    string Command,
    string Database,
    string Prefix,
    long Customers,
    long Events,
    double Seconds,
    double ReplaySeconds,
    double ReadSeconds,
    double EventsPerSecond,
    int Features,
    double Checksum,
    ScoreStaleness Staleness);
