using System.Globalization;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>Reads samples out of a Prometheus text exposition (<c>/metrics</c>).</summary>
public static class PrometheusText
{
    /// <summary>The metric names that have at least one sample.</summary>
    public static IReadOnlySet<string> Names(string text) =>
        Samples(text).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include <paramref name="label"/> (e.g. <c>reason="malformed"</c>).</summary>
    public static double Sum(string text, string name, string? label = null) =>
        Samples(text).Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

    private static IEnumerable<(string Name, string Labels, double Value)> Samples(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var close = brace < 0 ? -1 : line.LastIndexOf('}');
            var name = brace < 0 ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line[..brace];
            var labels = brace < 0 ? "" : line[(brace + 1)..close];
            var rest = line[((close < 0 ? name.Length : close + 1))..].Trim().Split(' ');
            yield return (name, labels, double.Parse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture));
        }
    }
}
