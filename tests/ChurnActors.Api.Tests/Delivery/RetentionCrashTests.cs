using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Models;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace ChurnActors.Api.Tests.Delivery;

/// <summary>
/// SIGKILL the host (a separate OS process) while the webhooks of a playbook's first step are being delivered to a slow
/// receiver, restart it on the same database, and check from the receiver and from PostgreSQL that every due action
/// arrives, each (episode, step) under one idempotency key only, no episode is opened twice, and the control arm gets
/// nothing.
/// </summary>
public sealed class RetentionCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Customers = 500;
    private const int EventsPerBatch = 100;
    private const int ReceivedBeforeKill = 60;
    private const string PlaybookId = "crash-winback";
    private const string Endpoint = "receiver";

    /// <summary>The delivery job that died with the host runs again this long after it started.</summary>
    private static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// After the restart: the invisibility timeout for the jobs that were running, a few seconds for the step runner's
    /// lease, and up to two minutes for an action recorded without its job (found by the minutely recurring job after a
    /// minute's grace), with room for a slow start on a busy machine.
    /// </summary>
    private static readonly TimeSpan CompletionWait = TimeSpan.FromSeconds(180);

    private readonly PostgresDatabaseFixture _database = new();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Restart_DeliversEveryDueActionUnderOneKeyAndOpensNoEpisodeTwice_AfterSigkillDuringDelivery()
    {
        await SeedChampionAndPlaybookAsync();
        var writeKey = "wk_retention_crash_" + Guid.NewGuid().ToString("N");
        const string node = "retention-crash-node";
        var customers = Enumerable.Range(0, Customers).Select(i => $"rc-{i:D3}-{Guid.NewGuid():N}").ToArray();
        var settings = Settings();

        RetentionProgress atKill;
        int receivedAtKill;
        int requestsAtKill;
        var first = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings);
        try
        {
            // Every customer's only event is 60 days old: the silence model scores them high, which opens an episode.
            using var client = first.CreateClient();
            var lastSeen = DateTimeOffset.UtcNow.AddDays(-60);
            foreach (var batch in customers.Chunk(EventsPerBatch))
            {
                using var response = await client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(batch, lastSeen));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"batch ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            await Eventually.WaitAsync(
                () => Task.FromResult(DistinctKeys() >= ReceivedBeforeKill),
                TimeSpan.FromSeconds(60),
                () => $"{ReceivedBeforeKill} webhooks before the kill (have {DistinctKeys()}). Host output:\n{first.Output}");
            first.Kill();
            receivedAtKill = DistinctKeys();
            requestsAtKill = _receiver.Received.Count;
            atKill = await SnapshotAsync();
        }
        finally
        {
            first.Dispose();
        }

        var clock = Stopwatch.StartNew();
        using var second = await HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings);
        var started = clock.Elapsed;
        RetentionProgress? last = null;
        await Eventually.WaitAsync(
            async () => (last = await SnapshotAsync()).IsComplete(Customers, ReceivedKeys()),
            CompletionWait,
            () => $"every customer's episode decided and every sent action delivered after the restart; last state: {last}, " +
                  $"received {DistinctKeys()} keys. Host output:\n{second.Output}");
        var completed = clock.Elapsed;

        var received = _receiver.Received;
        var sentKeys = await KeysAsync("SELECT a.idempotency_key FROM retention_actions a WHERE a.decision = 'sent'");
        output.WriteLine(
            $"At the kill: {atKill}; {receivedAtKill} keys received. After the restart: host up in {started.TotalSeconds:F1} s, " +
            $"delivery complete {completed.TotalSeconds:F1} s after the restart began; {received.Count} requests for " +
            $"{DistinctKeys()} keys ({received.Count - DistinctKeys()} repeated under the same key); {sentKeys.Count} sent, " +
            $"{Customers - sentKeys.Count} control.");

        // At-least-once delivery repeats a key whose attempt was cut off by the kill; show when each repeat came.
        foreach (var repeated in received.Select((r, i) => (Request: r, Index: i)).GroupBy(x => x.Request.IdempotencyKey).Where(g => g.Count() > 1))
        {
            output.WriteLine(
                $"{repeated.Key} came {repeated.Count()} times: " +
                string.Join(", ", repeated.Select(x => $"request #{x.Index} at {x.Request.ReceivedAt.TotalSeconds:F3} s")) +
                $" (the kill came after request #{requestsAtKill - 1})");
        }

        // The kill came while actions were being delivered: some had arrived, others had not.
        Assert.InRange(receivedAtKill, 1, sentKeys.Count - 1);

        // No episode opened twice: exactly one per customer for the playbook.
        var episodes = await EpisodesPerCustomerAsync();
        Assert.Equal(customers.Order(StringComparer.Ordinal), episodes.Keys.Order(StringComparer.Ordinal));
        Assert.All(episodes, pair => Assert.True(pair.Value == 1, $"{pair.Key} has {pair.Value} episodes of {PlaybookId}"));

        // Every sent decision arrived; nothing arrived that is not a sent decision.
        var receivedKeys = ReceivedKeys();
        Assert.Empty(sentKeys.Except(receivedKeys));
        Assert.Empty(receivedKeys.Except(sentKeys));

        // Each (episode, step) arrived under one key only, the key the design gives it.
        foreach (var group in received.GroupBy(r => Action(r.Body)))
        {
            var keys = group.Select(r => r.IdempotencyKey).Distinct().ToList();
            Assert.True(keys.Count == 1, $"episode {group.Key.EpisodeId} step {group.Key.StepId} arrived under {keys.Count} keys: {string.Join(", ", keys)}");
            Assert.Equal(RetentionKeys.Action(long.Parse(group.Key.EpisodeId, CultureInfo.InvariantCulture), group.Key.StepId), keys[0]);
        }

        // The control arm exists and received nothing; every treated customer has its step sent.
        var controlCustomers = await KeysAsync("SELECT customer_key FROM retention_episodes WHERE arm = 'control'");
        Assert.NotEmpty(controlCustomers);
        Assert.Empty(controlCustomers.Intersect(received.Select(r => Action(r.Body).CustomerId)));
        var treatedWithoutSend = await KeysAsync(
            """
            SELECT e.customer_key || ': ' || COALESCE(string_agg(a.decision || ' (' || a.reason || ')', '; '), 'no decision')
              FROM retention_episodes e LEFT JOIN retention_actions a ON a.episode_id = e.episode_id
             WHERE e.arm = 'treated'
             GROUP BY e.episode_id, e.customer_key
            HAVING count(*) FILTER (WHERE a.decision = 'sent') <> 1
            """);
        Assert.Empty(treatedWithoutSend);
        Assert.Equal(Customers - controlCustomers.Count, sentKeys.Count);
    }

    private int DistinctKeys() => ReceivedKeys().Count;

    private HashSet<string> ReceivedKeys() => [.. _receiver.Received.Select(r => r.IdempotencyKey)];

    private static (string EpisodeId, string StepId, string CustomerId) Action(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (root.GetProperty("episodeId").GetString()!, root.GetProperty("stepId").GetString()!, root.GetProperty("customerId").GetString()!);
    }

    /// <summary>
    /// Delivery that is slow enough to be caught mid-flight (two workers, four requests at a time, a receiver that takes
    /// 40 ms), short leases so the restart finds the work of the dead process soon (a batch job runs at most
    /// 5 s x 8 / 4 = 10 s, so 15 s of invisibility is enough), no global control group and no quiet hours.
    /// </summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["ChurnActors__Retention__Control__GlobalShare"] = "0",
        ["ChurnActors__Retention__Policy__QuietHoursStart"] = "00:00",
        ["ChurnActors__Retention__Policy__QuietHoursEnd"] = "00:00",
        ["ChurnActors__Retention__PlaybookRefresh"] = "00:00:01",
        ["ChurnActors__Retention__StepPollInterval"] = "00:00:01",
        ["ChurnActors__Retention__StepLease"] = "00:00:05",
        [$"ChurnActors__Retention__Endpoints__{Endpoint}__Url"] = new Uri(_receiver.BaseAddress, "slow").ToString(),
        [$"ChurnActors__Retention__Endpoints__{Endpoint}__Secret"] = DeliveryFixture.Secret,
        ["ChurnActors__Retention__Delivery__RunServer"] = "true",
        ["ChurnActors__Retention__Delivery__WorkerCount"] = "2",
        ["ChurnActors__Retention__Delivery__MaxBatchSize"] = "8",
        ["ChurnActors__Retention__Delivery__BatchParallelism"] = "4",
        ["ChurnActors__Retention__Delivery__RequestTimeout"] = "00:00:05",
        ["ChurnActors__Retention__Delivery__InvisibilityTimeout"] = InvisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["ChurnActors__Retention__Delivery__QueuePollInterval"] = "00:00:00.100",
        ["ChurnActors__Retention__Delivery__SchedulePollingInterval"] = "00:00:01",
        ["ChurnActors__Retention__Delivery__FirstRetryDelay"] = "00:00:01",
    };

    /// <summary>The silence model as champion, and a one-step playbook into <c>high</c> with a 10% holdout.</summary>
    private async Task SeedChampionAndPlaybookAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        var registry = new PostgresModelRegistry(dataSource, TimeProvider.System);
        var model = await registry.RegisterAsync(ModelRegistrations.Registration(0.9, 0.1), default);
        await registry.PromoteAsync(model.Version, force: true, actor: "test", default);

        var read = PlaybookReader.Read(
            $$"""
            {
              "id": "{{PlaybookId}}",
              "name": "Win back customers who turn high-risk",
              "enabled": true,
              "entry": { "to": "high" },
              "steps": [
                { "id": "reminder", "delay": "0", "channel": "email",
                  "action": { "type": "webhook", "endpoint": "{{Endpoint}}", "payload": { "template": "we-miss-you" } } }
              ],
              "exit": { "goalEvent": "Order Completed", "onBandExit": true },
              "reentry": { "mode": "never" },
              "priority": 1,
              "holdout": 0.1,
              "outcomeWindowDays": 30
            }
            """);
        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        await new PostgresPlaybookStore(dataSource, TimeProvider.System).ApplyAsync(read.Definition!, default);
    }

    private static StringContent Body(IReadOnlyList<string> customers, DateTimeOffset timestamp)
    {
        var at = timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var json = new StringBuilder("{\"batch\":[");
        for (var i = 0; i < customers.Count; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"").Append(customers[i])
                .Append("\",\"messageId\":\"").Append(Guid.NewGuid().ToString("N"))
                .Append("\",\"timestamp\":\"").Append(at)
                .Append("\",\"properties\":{\"product_id\":\"p1\",\"category\":\"Shoes\"}}");
        }

        return Json.Body(json.Append("]}").ToString());
    }

    private async Task<RetentionProgress> SnapshotAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM retention_episodes),
                   (SELECT count(*) FROM retention_schedule),
                   (SELECT count(*) FROM retention_actions),
                   (SELECT count(*) FROM retention_actions WHERE decision = 'sent'),
                   (SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'),
                   (SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered' AND attempts > 0),
                   (SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered' AND attempts = 0 AND job_id IS NOT NULL),
                   (SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered' AND job_id IS NULL)
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var sentKeys = await KeysAsync("SELECT idempotency_key FROM retention_actions WHERE decision = 'sent'");
        return new RetentionProgress(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            reader.GetInt64(7), sentKeys);
    }

    private async Task<Dictionary<string, long>> EpisodesPerCustomerAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT customer_key, count(*) FROM retention_episodes WHERE playbook_id = $1 GROUP BY customer_key", connection);
        command.Parameters.AddWithValue(PlaybookId);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<HashSet<string>> KeysAsync(string sql)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
