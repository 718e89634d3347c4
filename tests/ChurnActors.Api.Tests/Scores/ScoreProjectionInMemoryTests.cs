using System.Net;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Scores;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests.Scores;

/// <summary>The in-memory mode keeps the projection too, in process memory.</summary>
public sealed class ScoreProjectionInMemoryTests : IAsyncLifetime
{
    private readonly string _modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-test-model-{Guid.NewGuid():N}.json");
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_modelFile, ModelSnapshotJson.Serialize(SilenceModel.Snapshot("mem") with { HorizonDays = 30 }));
        _host = await EngineHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["ChurnActors:Scoring:ModelFile"] = _modelFile,
            ["ChurnActors:WriteBehind:MaxDelay"] = "00:00:00.200",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        File.Delete(_modelFile);
    }

    [Fact]
    public async Task Ingest_WritesTheRowAndTransition_InTheInMemoryMode()
    {
        var customer = "mem-" + Json.Id();
        using (var response = await _host.Client.PostAsync(
            new Uri("v1/batch", UriKind.Relative),
            ProjectionChecks.Batch(ProjectionChecks.Events(customer, DateTimeOffset.UtcNow.AddDays(-42), "Books", "NL", "Europe/Amsterdam", 12.5m))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var projection = _host.Services.GetRequiredService<IScoreProjection>();
        Assert.IsType<InMemoryScoreProjection>(projection);
        var (user, row) = await ProjectionChecks.WaitForProjectedAsync(_host.GetUserAsync, projection, customer, TimeSpan.FromSeconds(20));

        ProjectionChecks.AssertRowShowsView(user, row);
        Assert.Equal(("medium", "NL", "Books"), (row.Band, row.Country, row.TopCategory));
        var transition = Assert.Single(await projection.ReadTransitionsAsync(customer, default));
        Assert.Equal((null, "medium"), (transition.FromBand, transition.ToBand));
    }
}
