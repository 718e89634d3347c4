namespace ChurnActors.Cli.Import;

/// <summary>What one import did, for the final report (text or JSON).</summary>
/// <param name="Events">Events read and handed to the target.</param>
/// <param name="Written">Events the log took as new.</param>
/// <param name="Duplicates">Events the log already had (same source and messageId): an earlier import of the same rows.</param>
/// <param name="Skipped">Rows left out on purpose, by reason.</param>
/// <param name="BadRows">Rows that could not be read or did not make a valid event.</param>
/// <param name="BadRowExamples">The first bad rows with their line numbers.</param>
/// <param name="TrimmedEvents">Orders over the ingest's 32 KB event limit, written without product names (or lines).</param>
/// <param name="Error">Why writing stopped early, if it did.</param>
internal sealed record ImportSummary(
    string Input,
    string Format,
    string Target,
    string Source,
    long RowsRead,
    long Events,
    long Written,
    long Duplicates,
    IReadOnlyDictionary<string, long> Skipped,
    long BadRows,
    IReadOnlyList<BadRow> BadRowExamples,
    long TrimmedEvents,
    double Seconds,
    string? Error)
{
    public long SkippedRows => Skipped.Values.Sum();

    public double EventsPerSecond => Events / Math.Max(0.001, Seconds);
}
