namespace ChurnActors.Cli.Import;

/// <summary>
/// What the reading of an input came across: rows read, rows skipped on purpose (by reason) and bad rows (the first
/// <see cref="BadRowsKept"/> with their line numbers). Written by the reading loop, read by the progress line.
/// </summary>
internal sealed class ImportTally
{
    public const int BadRowsKept = 20;

    private readonly Dictionary<string, long> skipped = new(StringComparer.Ordinal);
    private readonly List<BadRow> badRows = [];
    private long rowsRead;
    private long badRowCount;
    private long trimmed;

    /// <summary>Data rows read (header and blank lines not counted).</summary>
    public long RowsRead => Interlocked.Read(ref rowsRead);

    public long BadRowCount => Interlocked.Read(ref badRowCount);

    /// <summary>Events too large for the ingest's event limit, written with fewer product details.</summary>
    public long TrimmedEvents => Interlocked.Read(ref trimmed);

    /// <summary>The first bad rows, in input order.</summary>
    public IReadOnlyList<BadRow> BadRows => badRows;

    /// <summary>Rows left out on purpose, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped => skipped;

    public long SkippedCount => skipped.Values.Sum();

    public void Row() => Interlocked.Increment(ref rowsRead);

    public void Trimmed() => Interlocked.Increment(ref trimmed);

    public void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

    public void Bad(long line, string problem)
    {
        Interlocked.Increment(ref badRowCount);
        if (badRows.Count < BadRowsKept)
        {
            badRows.Add(new BadRow(line, problem));
        }
    }
}
