using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChurnActors.Cli.Import;
using ChurnActors.Training.Uplift;

namespace ChurnActors.Cli.Uplift;

/// <summary>
/// Reads Kevin Hillstrom's MineThatData e-mail experiment CSV (plain or gzip, recognised by its magic bytes): a header
/// naming at least recency, history, mens, womens, zip_code, newbie, channel, segment, visit, conversion and spend
/// (in any order), then one customer a row. A row with a missing or malformed value is a bad row, counted with its line.
/// </summary>
internal static class HillstromReader
{
    /// <summary>How many bad rows are kept with their line and problem.</summary>
    public const int BadRowsKept = 5;

    private const string Format = "hillstrom";
    private static readonly string[] Columns = ["recency", "history", "mens", "womens", "zip_code", "newbie", "channel", "segment", "visit", "conversion", "spend"];

    /// <exception cref="ImportFormatException">
    /// The file is empty, lacks a column, ends inside a quoted field or is not readable gzip.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static HillstromFile Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var gzip = file.ReadByte() == 0x1F && file.ReadByte() == 0x8B;
        file.Position = 0;
        using var content = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        try
        {
            return Read(text);
        }
        catch (InvalidDataException ex)
        {
            throw new ImportFormatException($"the file is not readable gzip ({ex.Message})", ex);
        }
        catch (FormatException ex)
        {
            throw new ImportFormatException(ex.Message, ex);
        }
    }

    /// <exception cref="ImportFormatException">The input is empty or its header lacks a column.</exception>
    public static HillstromFile Read(TextReader reader)
    {
        using var csv = new CsvRecordReader(reader);
        var header = CsvHeader.Read(csv, string.Join(",", Columns));
        var at = Columns.ToDictionary(c => c, c => header.Require(c, Format), StringComparer.Ordinal);
        var records = new List<HillstromRecord>();
        var bad = new List<BadRow>();
        long badCount = 0;
        var fields = new List<string>();
        while (csv.TryRead(fields))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            var problem = Parse(fields, at, csv.Line, out var record);
            if (record is not null)
            {
                records.Add(record);
                continue;
            }

            badCount++;
            if (bad.Count < BadRowsKept)
            {
                bad.Add(new BadRow(csv.Line, problem!));
            }
        }

        return new HillstromFile(records, badCount, bad);
    }

    private static string? Parse(List<string> fields, Dictionary<string, int> at, long line, out HillstromRecord? record)
    {
        record = null;
        if (fields.Count < at.Values.Max() + 1)
        {
            return $"{fields.Count} fields, the header has {at.Values.Max() + 1} or more";
        }

        string Field(string column) => fields[at[column]].Trim();

        if (!int.TryParse(Field("recency"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var recency) || recency < 0)
        {
            return $"recency '{Field("recency")}' is not a whole number of months";
        }

        if (!TryAmount(Field("history"), out var history))
        {
            return $"history '{Field("history")}' is not an amount of dollars";
        }

        if (!TryAmount(Field("spend"), out var spend))
        {
            return $"spend '{Field("spend")}' is not an amount of dollars";
        }

        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var column in (string[])["mens", "womens", "newbie", "visit", "conversion"])
        {
            switch (Field(column))
            {
                case "0":
                    flags[column] = false;
                    break;
                case "1":
                    flags[column] = true;
                    break;
                default:
                    return $"{column} '{Field(column)}' is neither 0 nor 1";
            }
        }

        foreach (var column in (string[])["zip_code", "channel", "segment"])
        {
            if (Field(column).Length == 0)
            {
                return $"{column} is empty";
            }
        }

        var features = new HillstromFeatures(recency, history, flags["mens"], flags["womens"], Field("zip_code"), flags["newbie"], Field("channel"));
        record = new HillstromRecord(line, features, Field("segment"), flags["visit"], flags["conversion"], spend);
        return null;
    }

    private static bool TryAmount(string raw, out double value) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= 0;
}
