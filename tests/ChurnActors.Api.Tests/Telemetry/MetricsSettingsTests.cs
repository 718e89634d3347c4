using System.Net;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>The settings of <c>/metrics</c>: served to admin keys only, or not at all.</summary>
public sealed class MetricsSettingsTests
{
    private const string AdminKey = "ak_metrics_settings";

    [Fact]
    public async Task Metrics_AnswersOnlyAnAdminKey_WhenMetricsNeedAdminKey()
    {
        await using var host = await EngineHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Telemetry:MetricsNeedAdminKey"] = "true",
        });
        using var anonymous = EngineHost.CreateClient(host.BaseAddress, key: null);
        using var admin = EngineHost.CreateClient(host.BaseAddress, AdminKey);

        using var refused = await anonymous.GetAsync(new Uri("metrics", UriKind.Relative));
        using var wrongKind = await host.Reader.GetAsync(new Uri("metrics", UriKind.Relative));
        using var scraped = await admin.GetAsync(new Uri("metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongKind.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE churnactors_dispatch_backlog gauge", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelemetryEndpoints_Answer404_WhenTurnedOff()
    {
        await using var host = await EngineHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = AdminKey,
            ["ChurnActors:Telemetry:Prometheus"] = "false",
            ["ChurnActors:Telemetry:OrleansDashboard"] = "false",
        });
        using var admin = EngineHost.CreateClient(host.BaseAddress, AdminKey);

        using var metrics = await admin.GetAsync(new Uri("metrics", UriKind.Relative));
        using var dashboard = await admin.GetAsync(new Uri("orleans/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
    }
}
