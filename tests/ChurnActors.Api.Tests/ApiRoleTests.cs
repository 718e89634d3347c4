using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>ChurnActors:Role=api</c> as real processes on one database: an API-only process takes ingest and reads and
/// reaches the grains of a silo process through its Orleans client, and loses nothing when either is killed.
/// </summary>
public sealed class ApiRoleTests : IAsyncLifetime
{
    private const string AdminKey = "ak_api_role";
    private const int Customers = 20;
    private const int BatchSize = 20;

    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _writeKey = "wk_api_role_" + Guid.NewGuid().ToString("N");
    private readonly string[] _customers = [.. Enumerable.Range(0, Customers).Select(i => $"api-role-{i:D2}-{Guid.NewGuid():N}")];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();

        // A champion in the registry: the silo loads it at start and every customer gets a score.
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var registry = new PostgresModelRegistry(dataSource, TimeProvider.System);
        var version = (await registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default)).Version;
        await registry.PromoteAsync(version, force: true, "api-role-test", default);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private sealed record SentBatch(IReadOnlyList<(string Customer, string MessageId)> Events);

    [Fact]
    public async Task ApiProcess_ServesIngestAndReadsWithTheSilosScores_WhenItHostsNoGrains()
    {
        // Started before any silo: live at once, not ready while its client waits for a gateway.
        using var api = await StartApiProcessAsync("api-1");
        using (var probe = api.CreateClient())
        {
            using var live = await probe.GetAsync(new Uri("health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using var ready = await probe.GetAsync(new Uri("health/ready", UriKind.Relative));
            var readiness = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("Not connected to any silo gateway", readiness, StringComparison.Ordinal);
        }

        using var silo = await StartSiloAsync("silo-1");
        await WaitReadyAsync(api, "api-1");

        var sent = await SendAsync(api, batches: 3);
        Assert.Empty(sent.Unknown);

        using var apiReader = api.CreateReader();
        using var siloReader = silo.CreateReader();
        var expected = PerCustomer(sent.Acknowledged);
        foreach (var (customer, events) in expected)
        {
            var throughApi = await WaitForEventsAsync(apiReader, customer, events, "the api process");
            var throughSilo = await ReadCustomerAsync(siloReader, customer);
            Assert.Equal("scored", throughApi.GetProperty("score").GetProperty("status").GetString());
            Assert.Equal(events, throughSilo.GetProperty("eventsApplied").GetInt64());
            // The score is brought to the read's time (silence grows), so two reads a moment apart differ far below
            // the 6th decimal; the model and the band are the same.
            Assert.Equal(
                throughApi.GetProperty("score").GetProperty("probability").GetDouble(),
                throughSilo.GetProperty("score").GetProperty("probability").GetDouble(),
                precision: 6);
            Assert.Equal(
                throughApi.GetProperty("score").GetProperty("model").GetRawText(),
                throughSilo.GetProperty("score").GetProperty("model").GetRawText());
            Assert.Equal(
                throughApi.GetProperty("score").GetProperty("band").GetString(),
                throughSilo.GetProperty("score").GetProperty("band").GetString());
        }

        // The api process answers the cluster view too, and says it is the one that answered.
        using var admin = EngineHost.CreateClient(api.BaseAddress, AdminKey);
        var cluster = (await admin.GetFromJsonAsync<ClusterResponse>(new Uri("v1/admin/cluster", UriKind.Relative), JsonSerializerOptions.Web))!;
        Assert.Equal("api-1", cluster.AnsweredBy);
        Assert.Equal(1, cluster.Active);
        var self = Assert.Single(cluster.Members, m => m.Role == "api");
        Assert.Equal(("api-1", "Active"), (self.NodeName, self.Status));
        Assert.Equal("silo-1", Assert.Single(cluster.Members, m => m.Role == "silo" && m.Status == "Active").NodeName);
    }

    [Fact]
    public async Task SiloKilled_EveryAcknowledgedEventAppliedOnce_WhenANewSiloStarts()
    {
        // Grain state written rarely: at the kill, the silo holds applied events that exist only in the log.
        var lazyWrites = new Dictionary<string, string?>
        {
            ["ChurnActors__WriteBehind__MaxDelay"] = "00:05:00",
            ["ChurnActors__WriteBehind__MaxPendingEvents"] = "1000",
        };
        var silo = await StartSiloAsync("silo-1", lazyWrites);
        using var api = await StartApiAsync("api-1");
        var before = await SendAsync(api, batches: 4);
        using var apiReader = api.CreateReader();
        foreach (var (customer, events) in PerCustomer(before.Acknowledged))
        {
            await WaitForEventsAsync(apiReader, customer, events, "the api process before the kill");
        }

        silo.Kill();
        silo.Dispose();

        // With no silo, the api process still acknowledges: the events are in the log, delivery waits.
        var during = await SendAsync(api, batches: 2);
        using var replacement = await StartSiloAsync("silo-1");

        var acknowledged = before.Acknowledged.Concat(during.Acknowledged).ToList();
        await AssertEveryLoggedEventAppliedOnceAsync(api, acknowledged, [.. before.Unknown, .. during.Unknown]);
    }

    [Fact]
    public async Task ApiProcessKilled_NothingLost_WhenItRestarts()
    {
        using var silo = await StartSiloAsync("silo-1");
        var api = await StartApiAsync("api-1");

        var acknowledged = new ConcurrentBag<SentBatch>();
        var unknown = new ConcurrentBag<SentBatch>();
        using var stopSending = new CancellationTokenSource();
        var senders = Enumerable.Range(0, 3).Select(sender => Task.Run(async () =>
        {
            using var client = api.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(10);
            var random = new Random(sender);
            while (!stopSending.IsCancellationRequested)
            {
                var batch = Batch(random);
                try
                {
                    using var response = await client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(batch));
                    (response.StatusCode == HttpStatusCode.OK ? acknowledged : unknown).Add(batch);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    unknown.Add(batch); // cut off by the kill: it may or may not have been committed
                }
            }
        })).ToArray();

        await Eventually.WaitAsync(() => Task.FromResult(acknowledged.Count >= 40), TimeSpan.FromSeconds(60),
            () => $"40 acknowledged batches before the kill (have {acknowledged.Count}). Api output:\n{api.Output}");
        api.Kill();
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        api.Dispose();

        // Restarted under the same node name: recovery from its checkpoint delivers what it acknowledged.
        using var restarted = await StartApiAsync("api-1");
        var lastSequence = await ScalarAsync("SELECT COALESCE(max(seq), 0) FROM events");
        await Eventually.WaitAsync(
            async () => await ScalarAsync("SELECT COALESCE(max(applied_through), 0) FROM ingest_checkpoints WHERE node = 'api-1'") >= lastSequence,
            TimeSpan.FromSeconds(30),
            () => $"the restarted api process's checkpoint to reach {lastSequence}. Output:\n{restarted.Output}");
        await AssertEveryLoggedEventAppliedOnceAsync(restarted, [.. acknowledged], [.. unknown]);
    }

    /// <summary>
    /// Every acknowledged event is in the log, and every customer shows exactly its logged events through the api
    /// process (requests cut off by a kill count only if they were committed).
    /// </summary>
    private async Task AssertEveryLoggedEventAppliedOnceAsync(HostProcess api, IReadOnlyList<SentBatch> acknowledged, IReadOnlyList<SentBatch> unknown)
    {
        var ackedIds = acknowledged.SelectMany(b => b.Events).Select(e => e.MessageId).ToHashSet();
        Assert.Equal(ackedIds.Count, await CountLoggedAsync(ackedIds));
        var logged = await LoggedCountsAsync();
        Assert.Equal(logged.Values.Sum(), ackedIds.Count + await CountLoggedAsync(unknown.SelectMany(b => b.Events).Select(e => e.MessageId).ToHashSet()));

        using var reader = api.CreateReader();
        foreach (var (customer, events) in logged)
        {
            await WaitForEventsAsync(reader, customer, events, "the api process after the kill");
        }

        // Applied once: still exactly the logged count once delivery and recovery have settled.
        foreach (var (customer, events) in logged)
        {
            Assert.Equal(events, (await ReadCustomerAsync(reader, customer)).GetProperty("eventsApplied").GetInt64());
        }
    }

    private Task<HostProcess> StartSiloAsync(string node, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["CHURN_ADMIN_KEY"] = AdminKey };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return HostProcess.StartAsync(_database.ConnectionString, _writeKey, node, all);
    }

    /// <summary>An api process, waited for until it is ready (its client connected, its recovery done).</summary>
    private async Task<HostProcess> StartApiAsync(string node)
    {
        var api = await StartApiProcessAsync(node);
        try
        {
            await WaitReadyAsync(api, node);
        }
        catch
        {
            api.Dispose();
            throw;
        }

        return api;
    }

    /// <summary>An api process, once it answers HTTP (whether or not a silo is up).</summary>
    private Task<HostProcess> StartApiProcessAsync(string node) =>
        HostProcess.StartAsync(_database.ConnectionString, _writeKey, node, new Dictionary<string, string?>
        {
            ["CHURN_ADMIN_KEY"] = AdminKey,
            ["ChurnActors__Role"] = "api",
            ["ChurnActors__Cluster__GatewayListRefreshPeriod"] = "00:00:02",
        });

    private static async Task WaitReadyAsync(HostProcess api, string node)
    {
        using var client = api.CreateClient();
        string? last = null;
        await Eventually.WaitAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                last = await response.Content.ReadAsStringAsync();
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            () => $"the api process {node} to be ready; last answer: {last}\nOutput:\n{api.Output}");
    }

    private async Task<(List<SentBatch> Acknowledged, List<SentBatch> Unknown)> SendAsync(HostProcess api, int batches)
    {
        using var client = api.CreateClient();
        var random = new Random(batches);
        var acknowledged = new List<SentBatch>();
        var unknown = new List<SentBatch>();
        for (var i = 0; i < batches; i++)
        {
            var batch = Batch(random);
            using var response = await client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(batch));
            (response.StatusCode == HttpStatusCode.OK ? acknowledged : unknown).Add(batch);
        }

        return (acknowledged, unknown);
    }

    private SentBatch Batch(Random random) =>
        new([.. Enumerable.Range(0, BatchSize).Select(_ => (_customers[random.Next(Customers)], Guid.NewGuid().ToString("N")))]);

    private static Dictionary<string, long> PerCustomer(IEnumerable<SentBatch> batches) =>
        batches.SelectMany(b => b.Events).GroupBy(e => e.Customer).ToDictionary(g => g.Key, g => g.LongCount());

    private static async Task<JsonElement> WaitForEventsAsync(HttpClient reader, string customer, long events, string through)
    {
        JsonElement body = default;
        string? last = null;
        await Eventually.WaitAsync(
            async () =>
            {
                using var response = await reader.GetAsync(new Uri("v1/users/" + customer, UriKind.Relative));
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                body = await response.Content.ReadFromJsonAsync<JsonElement>();
                return body.GetProperty("eventsApplied").GetInt64() == events;
            },
            TimeSpan.FromSeconds(45),
            () => $"{customer} to show {events} events through {through}; last answer: {last}");
        return body;
    }

    private static async Task<JsonElement> ReadCustomerAsync(HttpClient reader, string customer)
    {
        using var response = await reader.GetAsync(new Uri("v1/users/" + customer, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /v1/users/{customer} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static StringContent Body(SentBatch batch)
    {
        var json = new StringBuilder("{\"batch\":[");
        for (var i = 0; i < batch.Events.Count; i++)
        {
            var (customer, messageId) = batch.Events[i];
            json.Append(i == 0 ? "" : ",")
                .Append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"").Append(customer)
                .Append("\",\"messageId\":\"").Append(messageId).Append("\",\"properties\":{\"product_id\":\"p1\"}}");
        }

        return Json.Body(json.Append("]}").ToString());
    }

    private async Task<Dictionary<string, long>> LoggedCountsAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT customer_key, count(*) FROM events GROUP BY customer_key", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<long> CountLoggedAsync(IReadOnlyCollection<string> messageIds)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events WHERE message_id = ANY($1)", connection);
        command.Parameters.AddWithValue(messageIds.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
