using System.Collections.Concurrent;
using System.Net;
using System.Text;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Api.Tests;

/// <summary>
/// SIGKILL the host while acknowledged events are in flight and grain state is far behind the log, restart it,
/// and check that every customer ends with exactly the events the log holds for it — every acknowledged one,
/// none twice — without a single new event being sent.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Customers = 40;
    private const int BatchSize = 25;
    private const int Senders = 6;

    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private sealed record SentBatch(IReadOnlyList<(string Customer, string MessageId)> Events);

    [Fact]
    public async Task Restart_AppliesEveryAcknowledgedEventExactlyOnce_AfterSigkillUnderLoad()
    {
        var writeKey = "wk_crash_" + Guid.NewGuid().ToString("N");
        var node = "crash-node";
        var customers = Enumerable.Range(0, Customers).Select(i => $"crash-{i:D3}-{Guid.NewGuid():N}").ToArray();

        // Grain state written rarely: at the kill, most acknowledged events exist only in the log.
        var first = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, new Dictionary<string, string?>
        {
            ["ChurnActors__WriteBehind__MaxDelay"] = "00:05:00",
            ["ChurnActors__WriteBehind__MaxPendingEvents"] = "60",
        });

        var acknowledged = new ConcurrentBag<SentBatch>();
        var unknown = new ConcurrentBag<SentBatch>();
        using var stopSending = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
        {
            using var client = first.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(10);
            var random = new Random(sender);
            while (!stopSending.IsCancellationRequested)
            {
                var batch = new SentBatch([.. Enumerable.Range(0, BatchSize).Select(_ => (customers[random.Next(Customers)], Guid.NewGuid().ToString("N")))]);
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

        await Eventually.WaitAsync(() => Task.FromResult(acknowledged.Count >= 120), TimeSpan.FromSeconds(60),
            () => $"120 acknowledged batches before the kill (have {acknowledged.Count}). Host output:\n{first.Output}");
        first.Kill();
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        first.Dispose();

        // What the log holds is the truth: every acknowledged event must be there, and each customer must end with
        // exactly its logged events (requests cut off by the kill count only if they were committed).
        var logged = await LoggedCountsAsync();
        var ackedIds = acknowledged.SelectMany(b => b.Events).Select(e => e.MessageId).ToHashSet();
        Assert.Equal(ackedIds.Count, await CountLoggedAsync(ackedIds));
        var persistedBefore = await CheckpointAsync(node);
        var lastSequence = await LastSequenceAsync();
        Assert.True(persistedBefore < lastSequence, $"the test needs unpersisted events at the kill (checkpoint {persistedBefore}, log {lastSequence})");

        using var second = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, new Dictionary<string, string?>
        {
            ["ChurnActors__WriteBehind__MaxDelay"] = "00:00:01",
        });

        // Without any request for a customer: recovery catches everyone up and writes their state.
        await Eventually.WaitAsync(async () => await CheckpointAsync(node) >= lastSequence, TimeSpan.FromSeconds(60),
            () => $"the applied checkpoint to reach {lastSequence} by recovery alone. Output:\n{second.Output}");
        var health = await second.HealthAsync();
        Assert.True(health.GetProperty("recovery").GetProperty("finished").GetBoolean());
        Assert.True(health.GetProperty("recovery").GetProperty("customers").GetInt32() > 0);

        // The persisted grain state itself (read before any request could activate a customer) holds every event.
        var persisted = await PersistedEventsAppliedAsync();
        Assert.All(logged, pair => Assert.Equal(pair.Value, persisted.GetValueOrDefault(pair.Key)));

        using var client2 = second.CreateReader();
        foreach (var customer in customers.Where(logged.ContainsKey))
        {
            using var response = await client2.GetAsync(new Uri("v1/users/" + customer, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            using var json = System.Text.Json.JsonDocument.Parse(body);
            Assert.Equal(logged[customer], json.RootElement.GetProperty("eventsApplied").GetInt64());
            Assert.Equal(logged[customer], json.RootElement.GetProperty("counts").GetProperty("Product Viewed").GetInt64());
        }

        var ackedPerCustomer = acknowledged.SelectMany(b => b.Events).GroupBy(e => e.Customer).ToDictionary(g => g.Key, g => g.LongCount());
        Assert.All(ackedPerCustomer, pair => Assert.True(logged[pair.Key] >= pair.Value));
        Assert.Equal(logged.Values.Sum(), ackedIds.Count + await CountLoggedAsync(unknown.SelectMany(b => b.Events).Select(e => e.MessageId).ToHashSet()));
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

    private async Task<Dictionary<string, long>> PersistedEventsAppliedAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT grain_id_extension, (convert_from(payload, 'UTF8')::jsonb ->> 'EventsApplied')::bigint FROM orleans_grain_state WHERE payload IS NOT NULL",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            applied[reader.GetString(0)] = reader.GetInt64(1);
        }

        return applied;
    }

    private async Task<long> CountLoggedAsync(IReadOnlyCollection<string> messageIds)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM events WHERE message_id = ANY($1)", connection);
        command.Parameters.AddWithValue(messageIds.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CheckpointAsync(string node)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(applied_through), 0) FROM ingest_checkpoints WHERE node = $1", connection);
        command.Parameters.AddWithValue(node);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> LastSequenceAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(seq), 0) FROM events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
