namespace ChurnActors.Cli.Audiences;

/// <summary>What <c>churnactors bench audiences</c> measured, as printed with <c>--json</c>.</summary>
internal sealed record AudienceBenchReport(
    string Command,
    string Database,
    DateTimeOffset StartedAt,
    int Customers,
    long Transitions,
    double LoadSeconds,
    int Runs,
    double TargetCountMs,
    int ProcessorCount,
    string? LoadAverageBefore,
    string? LoadAverageAfter,
    bool Kept,
    IReadOnlyList<AudienceBenchRow> Audiences);
