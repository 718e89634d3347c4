namespace ChurnActors.LoadTools.Bench;

/// <summary>What <c>bench memory --json</c> writes (one line, camelCase).</summary>
/// <param name="ProjectedMillionMB">The working set a million customers would take: the baseline plus the last step's growth per customer.</param>
public sealed record MemoryBenchReport(
    string Command,
    string RunId,
    string Url,
    int Customers,
    int Errors,
    bool ServerGc,
    double GrainCollectionAgeSeconds,
    MemoryBaseline Baseline,
    IReadOnlyList<MemoryStep> Steps,
    double ProjectedMillionMB,
    MemoryTarget Target,
    IReadOnlyList<string> Warnings,
    double Seconds);
