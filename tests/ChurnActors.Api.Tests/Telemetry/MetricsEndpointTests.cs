using System.Net;
using System.Text;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary><c>/metrics</c> on a host with PostgreSQL: what ingest counted, in Prometheus' text format.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await EngineHost.StartAsync(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_CountsReceivedAcknowledgedDuplicateAndRejectedEvents_AfterBatchesAndABadRequest()
    {
        using var anonymous = EngineHost.CreateClient(_host.BaseAddress, key: null);
        var before = await anonymous.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var user = "metrics-" + Guid.NewGuid().ToString("N");
        var ids = new[] { Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N") };

        using var first = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Batch(user, ids));
        using var retry = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Batch(user, ids[..1]));
        using var malformed = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), new StringContent("{\"batch\": [", Encoding.UTF8, "application/json"));
        using var stranger = EngineHost.CreateClient(_host.BaseAddress, "wk_unknown");
        using var unknownKey = await stranger.PostAsync(new Uri("v1/batch", UriKind.Relative), Batch(user, ids[..1]));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        await _host.WaitForEventsAppliedAsync(user, 3);
        var after = await anonymous.GetStringAsync(new Uri("metrics", UriKind.Relative));

        double Delta(string name, string? label = null) => PrometheusText.Sum(after, name, label) - PrometheusText.Sum(before, name, label);
        Assert.Equal(4, Delta("churnactors_events_received_total"));
        Assert.Equal(4, Delta("churnactors_events_acknowledged_total"));
        Assert.Equal(1, Delta("churnactors_events_duplicates_total"));
        Assert.Equal(1, Delta("churnactors_events_rejected_total", "reason=\"malformed\""));
        Assert.Equal(1, Delta("churnactors_events_rejected_total", "reason=\"unauthorized\""));
        Assert.Equal(2, Delta("churnactors_ack_latency_seconds_count"));
        Assert.True(Delta("churnactors_commit_size_count") >= 2, "each acknowledged request was committed");
        Assert.True(Delta("churnactors_rescores_total") >= 1, "the customer was rescored after its events");
        Assert.Contains("churnactors_dispatch_backlog", PrometheusText.Names(after));
        Assert.True(PrometheusText.Sum(after, "orleans_catalog_activations") >= 1, "Orleans' meter counts the customer's activation");
    }

    private static StringContent Batch(string user, string[] messageIds) => new(
        "{\"batch\":[" + string.Join(',', messageIds.Select((id, i) => $$$"""
            {"type":"track","userId":"{{{user}}}","event":"Product Viewed","messageId":"{{{id}}}","timestamp":"2026-11-20T10:0{{{i}}}:00Z","properties":{"product_id":"p{{{i}}}"}}
            """)) + "]}",
        Encoding.UTF8,
        "application/json");
}
