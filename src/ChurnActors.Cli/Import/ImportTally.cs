namespace ChurnActors.Cli.Import;

/// <summary>
/// What the reading of an input came across: rows read, rows skipped on purpose (by reason) and bad rows (the first
/// <see cref="BadRowsKept"/> with their line numbers). Written by the reading loop, read by the progress line.
/// </summary>
internal sealed class ImportTally
{
    public const int BadRowsKept = 20;

    private readonly Dictionary<string, long> _skipped = new(StringComparer.Ordinal);
    private readonly List<BadRow> _badRows = [];
    private long _rowsRead;
    private long _badRowCount;
    private long _trimmed;

    /// <summary>Data rows read (header and blank lines not counted).</summary>
    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long BadRowCount => Interlocked.Read(ref _badRowCount);

    /// <summary>Events too large for the ingest's event limit, written with fewer product details.</summary>
    public long TrimmedEvents => Interlocked.Read(ref _trimmed);

    /// <summary>The first bad rows, in input order.</summary>
    public IReadOnlyList<BadRow> BadRows => _badRows;

    /// <summary>Rows left out on purpose, by reason.</summary>
    public IReadOnlyDictionary<string, long> Skipped => _skipped;

    public long SkippedCount => _skipped.Values.Sum();

    public void Row() => Interlocked.Increment(ref _rowsRead);

    public void Trimmed() => Interlocked.Increment(ref _trimmed);

    public void Skip(string reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

    public void Bad(long line, string problem)
    {
        Interlocked.Increment(ref _badRowCount);
        if (_badRows.Count < BadRowsKept)
        {
            _badRows.Add(new BadRow(line, problem));
        }
    }
}
