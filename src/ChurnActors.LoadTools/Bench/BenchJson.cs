using System.Text.Json;

namespace ChurnActors.LoadTools.Bench;

/// <summary>The one-line JSON of the bench commands' <c>--json</c> output.</summary>
public static class BenchJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string Serialize(object report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Milliseconds rounded to microseconds, for reports.</summary>
    public static double Ms(double milliseconds) => Math.Round(milliseconds, 3);
}
