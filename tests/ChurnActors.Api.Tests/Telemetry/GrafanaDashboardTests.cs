using System.Text.Json;
using System.Text.RegularExpressions;
using ChurnActors.Storage.Telemetry;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>
/// deploy/grafana/churnactors-dashboard.json against the meter: every metric its queries read is an instrument of
/// <see cref="ChurnActorsMetrics"/> (as Prometheus names it) or one of Orleans' that <see cref="MetricsEndpointTests"/>
/// sees served, and every instrument has a panel.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    /// <summary>Orleans' metrics the dashboard reads (the scrape test checks they are served).</summary>
    private static readonly string[] OrleansMetrics = ["orleans_catalog_activations"];

    private static readonly string[] PrometheusSuffixes = ["_total", "_bucket", "_sum", "_count", "_seconds"];

    [Fact]
    public void Dashboard_QueriesOnlyMetricsTheHostDefines_AndShowsEveryInstrument()
    {
        var queries = Queries();
        var used = queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        var unknown = used.Where(name => !OrleansMetrics.Contains(name) && !ChurnActorsMetrics.InstrumentNames.Contains(InstrumentOf(name))).ToList();
        var unshown = ChurnActorsMetrics.InstrumentNames.Where(i => !used.Any(name => InstrumentOf(name) == i)).ToList();

        Assert.NotEmpty(queries);
        Assert.True(unknown.Count == 0, $"the dashboard queries metrics no instrument defines: {string.Join(", ", unknown)}");
        Assert.True(unshown.Count == 0, $"instruments without a panel: {string.Join(", ", unshown)}");
    }

    [Fact]
    public void Dashboard_ReadsItsDataSourceFromAnImportInput_SoItImportsIntoAnyGrafana()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "churnactors-dashboard.json")));
        var root = dashboard.RootElement;

        Assert.Equal("DS_PROMETHEUS", root.GetProperty("__inputs")[0].GetProperty("name").GetString());
        Assert.All(root.GetProperty("panels").EnumerateArray(), p => Assert.Equal("${DS_PROMETHEUS}", p.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    /// <summary>The instrument a Prometheus metric name comes from: unit and type suffixes off, underscores back to dots.</summary>
    private static string InstrumentOf(string metric)
    {
        var name = metric;
        foreach (var suffix in PrometheusSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return name.Replace('_', '.');
    }

    private static List<string> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "churnactors-dashboard.json")));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)];
    }

    [GeneratedRegex("\\b(?:churnactors|orleans)_[a-z_]+")]
    private static partial Regex MetricName();
}
