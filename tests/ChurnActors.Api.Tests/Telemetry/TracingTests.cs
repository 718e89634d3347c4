using System.Diagnostics;
using System.Net;
using System.Text;
using ChurnActors.Storage.Telemetry;
using ChurnActors.Testing;
using OpenTelemetry.Trace;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>Traces of a host with PostgreSQL, exported in memory: one event from its HTTP request to its grain.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TracingTests : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();
    private readonly ActivityRecorder _spans = [];
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await EngineHost.StartAsync(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["ChurnActors:Telemetry:Tracing"] = "true" },
            configure: b => b.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans)));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Traces_LinkTheRequestToItsCommitAndTheCommitToTheGrainApply_WhenTracingIsOn()
    {
        var user = "traced-" + Guid.NewGuid().ToString("N");
        using var response = await _host.Client.PostAsync(
            new Uri("v1/track", UriKind.Relative),
            new StringContent($$"""{"userId":"{{user}}","event":"Product Viewed","messageId":"{{Guid.NewGuid():N}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Activity? request = null, commit = null, apply = null, call = null;
        await Eventually.WaitAsync(
            () =>
            {
                var spans = _spans.Snapshot();
                request = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/v1/track");
                commit = request is null ? null : spans.FirstOrDefault(s => s.OperationName == ChurnActorsTracing.CommitSpanName && LinksTo(s, request));
                apply = commit is null ? null : spans.FirstOrDefault(s => s.OperationName == ChurnActorsTracing.ApplySpanName && LinksTo(s, commit));
                call = apply is null ? null : spans.FirstOrDefault(s => s.SpanId == apply.ParentSpanId); // it ends after the apply
                return Task.FromResult(call is not null);
            },
            TimeSpan.FromSeconds(20),
            () => $"the request, commit, apply and grain call spans, linked; recorded: {string.Join(", ", _spans.Snapshot().Select(s => s.DisplayName))}");

        Assert.Equal(1, commit!.GetTagItem(ChurnActorsTracing.EventsTag));
        Assert.Equal(1, apply!.GetTagItem(ChurnActorsTracing.EventsTag));

        // The apply runs inside Orleans' span of the grain call, which activity propagation carried to the grain.
        Assert.Equal(Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName, call!.Source.Name);
        Assert.Equal(ActivityKind.Server, call.Kind);
        Assert.Equal(apply.TraceId, call.TraceId);
    }

    private static bool LinksTo(Activity span, Activity target) =>
        span.Links.Any(l => l.Context.TraceId == target.TraceId && l.Context.SpanId == target.SpanId);
}
