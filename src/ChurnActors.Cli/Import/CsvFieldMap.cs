using ChurnActors.Cli.CommandLine;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Which column of a generic CSV feeds which event field: the <c>--map column=field</c> pairs first, then every
/// other column whose name is a field's name (case, '_', '-' and spaces ignored, so <c>user_id</c> is userId).
/// </summary>
internal sealed class CsvFieldMap
{
    private readonly Dictionary<ImportField, int> _columns;

    private CsvFieldMap(Dictionary<ImportField, int> columns, IReadOnlyList<string> names)
    {
        _columns = columns;
        Names = names;
    }

    /// <summary>The field names as written on the command line, e.g. <c>userId</c>.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = [.. Enum.GetValues<ImportField>().Select(Name)];

    /// <summary>The header's column names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Reads the <c>--map</c> values (checked before the file is opened).</summary>
    /// <exception cref="UsageException">A value is not <c>column=field</c> or names an unknown field.</exception>
    public static IReadOnlyList<(string Column, ImportField Field)> ParseOptions(IReadOnlyList<string> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var pairs = new List<(string, ImportField)>();
        foreach (var map in maps)
        {
            var equals = map.LastIndexOf('=');
            if (equals <= 0 || equals == map.Length - 1)
            {
                throw new UsageException($"--map expects COLUMN=FIELD, e.g. --map \"Customer ID=userId\", got '{map}'");
            }

            var fieldName = map[(equals + 1)..].Trim();
            var field = Enum.GetValues<ImportField>().Cast<ImportField?>().FirstOrDefault(f => Normalize(Name(f!.Value)) == Normalize(fieldName))
                ?? throw new UsageException($"--map {map}: unknown field '{fieldName}' (fields: {string.Join(", ", FieldNames)})");
            if (pairs.Any(p => p.Item2 == field))
            {
                throw new UsageException($"--map: field {Name(field)} is mapped twice");
            }

            pairs.Add((map[..equals].Trim(), field));
        }

        return pairs;
    }

    /// <summary>Applies the pairs to the header and fills in the columns named like fields.</summary>
    /// <exception cref="ImportFormatException">A mapped column is not in the header, or a needed field has no column.</exception>
    public static CsvFieldMap Create(CsvHeader header, IReadOnlyList<(string Column, ImportField Field)> pairs)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(pairs);
        var columns = new Dictionary<ImportField, int>();
        var used = new HashSet<int>();
        foreach (var (column, field) in pairs)
        {
            var position = header.Find(column) ?? throw new ImportFormatException(
                $"--map {column}={Name(field)}: the header has no column '{column}' (columns: {string.Join(", ", header.Names)})");
            columns[field] = position;
            used.Add(position);
        }

        for (var i = 0; i < header.Names.Count; i++)
        {
            if (used.Contains(i))
            {
                continue;
            }

            var match = Enum.GetValues<ImportField>().Cast<ImportField?>().FirstOrDefault(f => Normalize(Name(f!.Value)) == Normalize(header.Names[i]));
            if (match is { } field && columns.TryAdd(field, i))
            {
                used.Add(i);
            }
        }

        if (!columns.ContainsKey(ImportField.Timestamp))
        {
            throw new ImportFormatException(
                $"no column for the timestamp: map one with --map COLUMN=timestamp (columns: {string.Join(", ", header.Names)})");
        }

        if (!columns.ContainsKey(ImportField.UserId) && !columns.ContainsKey(ImportField.AnonymousId))
        {
            throw new ImportFormatException(
                $"no column for the customer: map one with --map COLUMN=userId (columns: {string.Join(", ", header.Names)})");
        }

        return new CsvFieldMap(columns, header.Names);
    }

    /// <summary>The field's name as written on the command line (camelCase).</summary>
    public static string Name(ImportField field)
    {
        var name = field.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public bool Has(ImportField field) => _columns.ContainsKey(field);

    /// <summary>The column name that feeds <paramref name="field"/>.</summary>
    public string ColumnOf(ImportField field) => Names[_columns[field]];

    /// <summary>The trimmed value of <paramref name="field"/> in a row; null when unmapped or empty.</summary>
    public string? Value(List<string> row, ImportField field)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _columns.TryGetValue(field, out var position) && row[position].Trim() is { Length: > 0 } value ? value : null;
    }

    private static string Normalize(string name) =>
        new([.. name.Where(c => c is not ('_' or '-' or ' ')).Select(char.ToLowerInvariant)]);
}
