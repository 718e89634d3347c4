using System.Diagnostics;
using System.Net;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Scores;
using ChurnActors.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ChurnActors.Api.Tests.Scores;

/// <summary>
/// The host keeps <c>customer_scores</c> and <c>band_transitions</c> current from its customer grains: after events are
/// acknowledged and their state written, each customer's row shows what GET /v1/users/{id} shows, and band changes are
/// appended with their from and to. Scored by <see cref="SilenceModel"/> (30-day horizon); state written 200 ms after
/// it becomes pending.
/// </summary>
public sealed class ScoreProjectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-test-model-{Guid.NewGuid():N}.json");
    private NpgsqlDataSource _dataSource = null!;
    private EngineHost _host = null!;

    private IScoreProjection Projection => new PostgresScoreProjection(_dataSource);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await File.WriteAllTextAsync(_modelFile, ModelSnapshotJson.Serialize(SilenceModel.Snapshot("2026-12") with { HorizonDays = 30 }));
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Scoring:ModelFile"] = _modelFile,
            ["ChurnActors:WriteBehind:MaxDelay"] = "00:00:00.200",
            ["ChurnActors:Scores:FlushInterval"] = "00:00:00.050",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
        File.Delete(_modelFile);
    }

    [Fact]
    public async Task Ingest_WritesEachCustomersRow_WithTheFiguresGetUserShows()
    {
        var now = DateTimeOffset.UtcNow;
        var prefix = "proj-" + Json.Id()[..8];
        var customers = new List<string>();
        var events = new List<string>();
        string[] categories = ["Shoes", "Toys", "Garden"];
        string[] zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"];
        foreach (var (silentDays, i) in new[] { 2, 20, 38, 45, 55, 70 }.Select((d, i) => (d, i)))
        {
            var customer = $"{prefix}-{silentDays}d";
            customers.Add(customer);
            events.AddRange(ProjectionChecks.Events(customer, now.AddDays(-silentDays), categories[i % 3], i % 2 == 0 ? "DE" : "US", zones[i % 3], i % 2 == 0 ? 19.99m + i : null));
        }

        var clock = Stopwatch.StartNew();
        using (var response = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), ProjectionChecks.Batch(events)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var acknowledged = clock.Elapsed;
        foreach (var customer in customers)
        {
            var (user, row) = await ProjectionChecks.WaitForProjectedAsync(_host.GetUserAsync, Projection, customer, Wait);
            ProjectionChecks.AssertRowShowsView(user, row);
        }

        output.WriteLine($"{customers.Count} rows current {(clock.Elapsed - acknowledged).TotalMilliseconds:F0} ms after the batch was acknowledged");
        var scored = await Task.WhenAll(customers.Select(c => Projection.ReadAsync(c, default)));
        Assert.Equal(["low", "low", "medium", "medium", "high", "high"], scored.Select(r => r!.Band));
        Assert.All(scored, r => Assert.Equal("2026-12", r!.ModelVersion));
        var german = scored[0]!;
        Assert.Equal(("DE", "Europe/Berlin", "Shoes", 1), (german.Country, german.TimeZone, german.TopCategory, german.Orders));
        Assert.Equal(19.99m, german.NetRevenue);
        Assert.Equal(("US", "America/New_York", null, 0), (scored[1]!.Country, scored[1]!.TimeZone, scored[1]!.FirstOrderAt, scored[1]!.Orders));
    }

    [Fact]
    public async Task Ingest_AppendsTheBandTransitionsWithFromAndTo_WhenACustomerGoesHighAndComesBack()
    {
        var customer = "returner-" + Json.Id();
        var now = DateTimeOffset.UtcNow;
        using (var away = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), ProjectionChecks.Batch(ProjectionChecks.Events(customer, now.AddDays(-60), "Toys", "FR", "Europe/Paris", 30m))))
        {
            Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        }

        var (_, high) = await ProjectionChecks.WaitForProjectedAsync(_host.GetUserAsync, Projection, customer, Wait);
        using (var back = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), ProjectionChecks.Batch(ProjectionChecks.Events(customer, now, "Toys", "FR", "Europe/Paris", null))))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }

        var (user, low) = await ProjectionChecks.WaitForProjectedAsync(_host.GetUserAsync, Projection, customer, Wait);

        ProjectionChecks.AssertRowShowsView(user, low);
        Assert.Equal(("high", "low"), (high.Band, low.Band));
        var history = await Projection.ReadTransitionsAsync(customer, default);
        Assert.Equal([(null, "high"), ("high", "low")], history.Select(t => (t.FromBand, t.ToBand)));
        Assert.Equal([high.LastSequence, low.LastSequence], history.Select(t => t.CauseSequence));
        Assert.True(history[0].Probability > 0.8 && history[1].Probability < 0.1, $"transition probabilities {history[0].Probability}, {history[1].Probability}");
    }
}
