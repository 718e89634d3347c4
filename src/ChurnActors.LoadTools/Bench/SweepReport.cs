namespace ChurnActors.LoadTools.Bench;

/// <summary>What <c>bench sweep --json</c> writes (one line, camelCase).</summary>
public sealed record SweepReport(
    string Command,
    string RunId,
    string Url,
    int Customers,
    double SeedSeconds,
    long Advanced,
    double AdvanceSeconds,
    long Woken,
    long Failed,
    long Sweeps,
    double SweepSeconds,
    double CustomersPerSecond,
    double ObservedSeconds,
    long PendingAfter,
    long DueAfter,
    double ProjectedMillionSeconds,
    SweepTarget Target,
    bool Ok);
