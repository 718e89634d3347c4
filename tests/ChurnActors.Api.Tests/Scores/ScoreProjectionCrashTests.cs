using System.Net;
using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Scores;
using ChurnActors.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ChurnActors.Api.Tests.Scores;

/// <summary>
/// SIGKILL the host (its own OS process) while acknowledged events are changing customers' bands and much grain state
/// and many projection rows are behind the log, restart it on the same database, and check that every customer's row
/// ends equal to its grain's view and its band history has no repeated change.
/// </summary>
public sealed class ScoreProjectionCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 60;
    private const int BatchSize = 20;
    private const int Senders = 4;

    /// <summary>Recovery catches up every customer and writes its state within a few write-behind delays; room for a busy machine.</summary>
    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(120);

    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-test-model-{Guid.NewGuid():N}.json");
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await File.WriteAllTextAsync(_modelFile, ModelSnapshotJson.Serialize(SilenceModel.Snapshot("crash") with { HorizonDays = 30 }));
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
        File.Delete(_modelFile);
    }

    [Fact]
    public async Task Restart_LeavesEveryRowEqualToItsGrainsViewAndNoBandChangeTwice_AfterSigkillUnderLoad()
    {
        var writeKey = "wk_scores_crash_" + Guid.NewGuid().ToString("N");
        const string node = "scores-crash-node";
        var customers = Enumerable.Range(0, Customers).Select(i => $"sc-{i:D3}-{Guid.NewGuid():N}").ToArray();
        var settings = new Dictionary<string, string?>
        {
            ["ChurnActors__Scoring__ModelFile"] = _modelFile,
            ["ChurnActors__WriteBehind__MaxDelay"] = "00:00:02",
            ["ChurnActors__WriteBehind__MaxPendingEvents"] = "20",
        };
        var projection = new PostgresScoreProjection(_dataSource);

        int behindAtKill;
        var first = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings);
        try
        {
            // Every customer was last seen 60 days ago (high); then, under load, recent visits bring customers back (low).
            using var client = first.CreateClient();
            var now = DateTimeOffset.UtcNow;
            foreach (var batch in customers.Chunk(BatchSize))
            {
                await PostAsync(client, batch.SelectMany(c => ProjectionChecks.Events(c, now.AddDays(-60), "Toys", "DE", "Europe/Berlin", 25m)));
            }

            await Eventually.WaitAsync(
                async () => (await CountAsync("SELECT count(*) FROM customer_scores WHERE band = 'high'")) == Customers,
                TimeSpan.FromSeconds(60),
                () => $"every customer's row in high before the load. Host output:\n{first.Output}");

            var acknowledged = 0;
            using var stopSending = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                using var senderClient = first.CreateClient();
                senderClient.Timeout = TimeSpan.FromSeconds(10);
                var random = new Random(sender);
                while (!stopSending.IsCancellationRequested)
                {
                    var events = Enumerable.Range(0, BatchSize).SelectMany(_ =>
                        ProjectionChecks.Events(customers[random.Next(Customers)], DateTimeOffset.UtcNow, "Shoes", "DE", "Europe/Berlin", null));
                    try
                    {
                        using var response = await senderClient.PostAsync(new Uri("v1/batch", UriKind.Relative), ProjectionChecks.Batch(events));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref acknowledged);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // Cut off by the kill: committed or not, the log is the truth the restart works from.
                    }
                }
            })).ToArray();

            await Eventually.WaitAsync(() => Task.FromResult(Volatile.Read(ref acknowledged) >= 40), TimeSpan.FromSeconds(60),
                () => $"40 acknowledged batches before the kill (have {acknowledged}). Host output:\n{first.Output}");
            first.Kill();
            await stopSending.CancelAsync();
            await Task.WhenAll(senders);
            behindAtKill = (int)await CountAsync(
                """
                SELECT count(*) FROM customer_scores s
                WHERE s.last_sequence < (SELECT max(e.seq) FROM events e WHERE e.customer_key = s.customer_key)
                """);
        }
        finally
        {
            first.Dispose();
        }

        // The kill left rows behind the log: the restart has something to bring up to date.
        Assert.True(behindAtKill > 0, "the test needs projection rows behind the log at the kill");

        using var second = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings);
        using var reader = second.CreateReader();
        foreach (var customer in customers)
        {
            var (user, row) = await ProjectionChecks.WaitForProjectedAsync(
                c => GetUserAsync(reader, c), projection, customer, RecoveryWait);
            ProjectionChecks.AssertRowShowsView(user, row);

            // The band history is a chain of changes: it starts from no band, never repeats a band twice in a row
            // (a replayed change is not appended again), and ends in the band the row shows.
            var history = await projection.ReadTransitionsAsync(customer, default);
            Assert.NotEmpty(history);
            Assert.Null(history[0].FromBand);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.True(history[i].ToBand != history[i - 1].ToBand, $"{customer} changed to {history[i].ToBand} twice in a row: {string.Join(", ", history)}");
            }

            Assert.Equal(row.Band, history[^1].ToBand);
        }

        var transitions = await CountAsync("SELECT count(*) FROM band_transitions");
        var returned = await CountAsync("SELECT count(*) FROM customer_scores WHERE band = 'low'");
        output.WriteLine($"{behindAtKill} of {Customers} rows behind the log at the kill; after the restart {returned} customers back in low, {transitions} band transitions.");
    }

    private static async Task PostAsync(HttpClient client, IEnumerable<string> events)
    {
        using var response = await client.PostAsync(new Uri("v1/batch", UriKind.Relative), ProjectionChecks.Batch(events));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"batch ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<System.Text.Json.JsonElement?> GetUserAsync(HttpClient reader, string customer)
    {
        using var response = await reader.GetAsync(new Uri("v1/users/" + Uri.EscapeDataString(customer), UriKind.Relative));
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
