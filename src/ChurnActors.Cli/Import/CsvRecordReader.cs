using System.Text;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads CSV records (RFC 4180) one at a time: comma-separated fields, double quotes around fields that hold commas,
/// quotes (doubled) or line breaks. Knows the line each record starts on.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _nextLine = 1;

    /// <summary>The 1-based line the record last read starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    /// <exception cref="FormatException">A quoted field is still open at the end of the input.</exception>
    public bool TryRead(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var line = reader.ReadLine();
        if (line is null)
        {
            return false;
        }

        Line = _nextLine++;
        if (!line.Contains('"', StringComparison.Ordinal))
        {
            fields.AddRange(line.Split(','));
            return true;
        }

        _field.Clear();
        var quoted = false;
        var position = 0;
        while (true)
        {
            if (position == line.Length)
            {
                if (!quoted)
                {
                    fields.Add(_field.ToString());
                    return true;
                }

                // A line break inside quotes belongs to the field.
                line = reader.ReadLine() ?? throw new FormatException($"line {Line}: a quoted field is not closed before the end of the file");
                _nextLine++;
                _field.Append('\n');
                position = 0;
                continue;
            }

            var c = line[position++];
            if (quoted)
            {
                if (c != '"')
                {
                    _field.Append(c);
                }
                else if (position < line.Length && line[position] == '"')
                {
                    _field.Append('"');
                    position++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                fields.Add(_field.ToString());
                _field.Clear();
            }
            else if (c == '"' && _field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                _field.Append(c);
            }
        }
    }
}
