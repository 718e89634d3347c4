namespace ChurnActors.Cli.Import;

/// <summary>The column names of a CSV header row and their positions (names compared case-insensitively, trimmed).</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> _positions = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names.Select(n => n.Trim())];
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i].Length > 0 && !_positions.TryAdd(Names[i], i))
            {
                throw new ImportFormatException($"line 1: the header names column '{Names[i]}' twice");
            }
        }
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the header row of <paramref name="csv"/>.</summary>
    /// <exception cref="ImportFormatException">The input is empty.</exception>
    public static CsvHeader Read(CsvRecordReader csv, string expected)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var fields = new List<string>();
        if (!csv.TryRead(fields) || (fields.Count == 1 && fields[0].Trim().Length == 0))
        {
            throw new ImportFormatException($"the file is empty; expected a header row ({expected})");
        }

        return new CsvHeader(fields);
    }

    public int? Find(string name) => _positions.TryGetValue(name, out var position) ? position : null;

    /// <summary>The position of a column the format needs.</summary>
    /// <exception cref="ImportFormatException">The header lacks it.</exception>
    public int Require(string name, string format) =>
        Find(name) ?? throw new ImportFormatException(
            $"line 1: the header has no column '{name}', which the {format} format needs (columns found: {string.Join(", ", Names)})");
}
