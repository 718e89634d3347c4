using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChurnActors.Cli.Import;

/// <summary>Formats an <see cref="ImportSummary"/> as aligned text or as one JSON object.</summary>
internal static class ImportReport
{
    public static string FormatText(ImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"imported {Path.GetFileName(summary.Input)} ({summary.Format}) into {summary.Target}, source {summary.Source}");
        Row(text, "rows read", Number(summary.RowsRead));
        Row(text, "events", Number(summary.Events));
        Row(text, "written", Number(summary.Written));
        Row(text, "duplicates", summary.Duplicates > 0 ? $"{Number(summary.Duplicates)} (already in the log)" : "0");
        Row(text, "skipped rows", summary.SkippedRows == 0
            ? "0"
            : $"{Number(summary.SkippedRows)} ({string.Join(", ", summary.Skipped.Select(s => $"{s.Key}: {Number(s.Value)}"))})");
        Row(text, "bad rows", summary.BadRows == 0
            ? "0"
            : $"{Number(summary.BadRows)} (first at line {summary.BadRowExamples[0].Line.ToString(CultureInfo.InvariantCulture)})");
        if (summary.TrimmedEvents > 0)
        {
            Row(text, "trimmed", $"{Number(summary.TrimmedEvents)} (orders over 32 KB, written without product names or lines)");
        }

        Row(text, "seconds", summary.Seconds.ToString("0.00", CultureInfo.InvariantCulture));
        Row(text, "events/s", summary.EventsPerSecond.ToString("0", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    public static string FormatJson(ImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("input", summary.Input);
            json.WriteString("format", summary.Format);
            json.WriteString("target", summary.Target);
            json.WriteString("source", summary.Source);
            json.WriteNumber("rowsRead", summary.RowsRead);
            json.WriteNumber("events", summary.Events);
            json.WriteNumber("written", summary.Written);
            json.WriteNumber("duplicates", summary.Duplicates);
            json.WriteNumber("skippedRows", summary.SkippedRows);
            json.WriteStartObject("skipped");
            foreach (var (reason, count) in summary.Skipped)
            {
                json.WriteNumber(reason, count);
            }

            json.WriteEndObject();
            json.WriteNumber("badRows", summary.BadRows);
            json.WriteStartArray("badRowExamples");
            foreach (var bad in summary.BadRowExamples)
            {
                json.WriteStartObject();
                json.WriteNumber("line", bad.Line);
                json.WriteString("problem", bad.Problem);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("trimmedEvents", summary.TrimmedEvents);
            json.WriteNumber("seconds", Math.Round(summary.Seconds, 3));
            json.WriteNumber("eventsPerSecond", Math.Round(summary.EventsPerSecond, 1));
            json.WriteString("error", summary.Error);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(14)).AppendLine(value);
}
