using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Audiences;

namespace ChurnActors.Cli.Audiences;

/// <summary>How the <c>audiences</c> commands print: counts and an aligned sample table, or the API's JSON.</summary>
internal static class AudiencesOutput
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static async Task WritePreviewAsync(TextWriter output, AudiencePreviewResponse preview, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(preview, Json)).ConfigureAwait(false);
            return;
        }

        var bands = preview.Bands;
        await output.WriteLineAsync(
            $"{Count(preview.Count)} customer{(preview.Count == 1 ? string.Empty : "s")} " +
            $"(high {Count(bands.High)}, medium {Count(bands.Medium)}, low {Count(bands.Low)}, no band {Count(bands.None)}); " +
            $"evaluated at {preview.EvaluatedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} in " +
            $"{preview.ElapsedMs.ToString("0.#", CultureInfo.InvariantCulture)} ms").ConfigureAwait(false);
        if (preview.Sample.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{preview.Sample.Count} with the highest value at risk:").ConfigureAwait(false);
        string[] header = ["customer", "band", "probability", "clv", "value at risk", "top category"];
        var rows = preview.Sample.Select(m => new[]
        {
            m.CustomerKey,
            m.Band ?? "-",
            Figure(m.Probability, "0.000"),
            Figure(m.Clv, "0.00"),
            Figure(m.ValueAtRisk, "0.00"),
            m.TopCategory ?? "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        await output.WriteLineAsync(Line(header, widths)).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await output.WriteLineAsync(Line(row, widths)).ConfigureAwait(false);
        }
    }

    public static async Task WriteProblemsAsync(TextWriter error, string what, IReadOnlyList<AudienceProblem> problems)
    {
        await error.WriteLineAsync($"error: {what} has {problems.Count} problem{(problems.Count == 1 ? string.Empty : "s")}:").ConfigureAwait(false);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync($"  {problem}").ConfigureAwait(false);
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i is 2 or 3 or 4 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Figure(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
