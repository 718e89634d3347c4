using CsvHelper;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Reads CSV records (RFC 4180: comma-separated fields, double quotes around fields that hold commas, doubled quotes
/// or line breaks) one at a time with CsvHelper, and knows the line each record starts on. An empty line is a record
/// of one empty field, so the readers count it as a bad row rather than losing it.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly CsvReader _reader;
    private bool _unterminated;

    public CsvRecordReader(TextReader reader)
    {
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => _unterminated |= record.Reason == CsvMalformedReason.UnterminatedQuote,
        };
        _reader = CsvReader.Create(reader, options, leaveOpen: true);
    }

    /// <summary>The 1-based line the record last read starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the input.</summary>
    /// <exception cref="FormatException">A quoted field is still open at the end of the input.</exception>
    public bool TryRead(List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (!_reader.Read())
        {
            return false;
        }

        Line = _reader.LineNumber;
        if (_unterminated)
        {
            throw new FormatException($"line {Line}: a quoted field is not closed before the end of the file");
        }

        for (var i = 0; i < _reader.FieldCount; i++)
        {
            fields.Add(_reader.GetString(i));
        }

        if (fields.Count == 0)
        {
            fields.Add(string.Empty);
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();
}
