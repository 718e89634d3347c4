using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnActors.Api.Tests.Delivery;
using ChurnActors.Domain.Scoring;
using ChurnActors.Testing;
using Xunit.Abstractions;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A playbook measured end to end on the real host (Kestrel, the Orleans silo, PostgreSQL, Hangfire delivery) with a
/// clock the test moves: 2,000 customers silent for 60 days score high (<see cref="SilenceModel"/>) and enter a playbook
/// with a 20% holdout whose one step is a webhook to a Kestrel receiver. The receiver "retains" a treated customer with
/// probability <see cref="ExtraRate"/> by sending an <c>Order Completed</c> for them; independently, every customer of
/// both arms orders with probability <see cref="BaseRate"/>. Both draws are hashes of the customer id, so a run is
/// repeatable. After the outcome window has ended, the results must show the arms, no pending episode and a lift whose
/// 95% interval holds the programmed effect, and the control arm must have received nothing.
/// </summary>
public sealed class PlaybookEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "ak_end_to_end";
    private const string PlaybookId = "e2e-winback";
    private const int Customers = 2_000;
    private const double Holdout = 0.2;
    private const double ExtraRate = 0.25;
    private const double BaseRate = 0.10;

    /// <summary>
    /// The effect the receiver programs: a treated customer is retained by the webhook's order or by the base order,
    /// 1 - (1 - base)(1 - extra) = base + extra(1 - base); a control customer by the base order alone, base.
    /// </summary>
    private const double ProgrammedLift = ExtraRate * (1 - BaseRate);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-e2e-model-{Guid.NewGuid():N}.json");
    private readonly ShiftedTimeProvider _clock = new();
    private readonly ConcurrentDictionary<string, bool> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Task> _orders = new();
    private WebhookReceiver _receiver = null!;
    private EngineHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await File.WriteAllTextAsync(_modelFile, ModelSnapshotJson.Serialize(SilenceModel.Snapshot("e2e") with { HorizonDays = 30 }));
        _receiver = await WebhookReceiver.StartAsync(RetainAsync);
        _host = await EngineHost.StartAsync(
            _database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ChurnActors:Admin:Keys:0"] = AdminKey,
                ["ChurnActors:Scoring:ModelFile"] = _modelFile,
                ["ChurnActors:WriteBehind:MaxDelay"] = "00:00:00.200",
                ["ChurnActors:Retention:Control:GlobalShare"] = "0",
                ["ChurnActors:Retention:Policy:QuietHoursStart"] = "00:00",
                ["ChurnActors:Retention:Policy:QuietHoursEnd"] = "00:00",
                ["ChurnActors:Retention:Endpoints:receiver:Url"] = new Uri(_receiver.BaseAddress, "ok").ToString(),
                ["ChurnActors:Retention:Endpoints:receiver:Secret"] = "whsec_e2e_0123456789abcdef",
                ["ChurnActors:Retention:Delivery:RunServer"] = "true",
                ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
                ["ChurnActors:Retention:Delivery:SchedulePollingInterval"] = "00:00:00.250",
                ["ChurnActors:Retention:Delivery:WorkerCount"] = "4",
            },
            _clock);
        _admin = EngineHost.CreateClient(_host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        await _database.DisposeAsync();
        File.Delete(_modelFile);
    }

    [Fact]
    public async Task Results_ReportTheProgrammedLift_WhenTheReceiverRetainsTreatedCustomers()
    {
        // Whole seconds: the store keeps microseconds. The ids are the same in every run (the database is fresh), so
        // are the arms (a salted hash of the id) and the draws: a run is repeatable.
        var now = _clock.GetUtcNow();
        var start = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var customers = Enumerable.Range(0, Customers).Select(i => $"e2e-{i:D4}").ToList();
        var elapsed = Stopwatch.StartNew();
        await PutPlaybookAsync();

        // 2,000 customers whose only visit was 60 days ago: their first score is high, which opens an episode each.
        await IngestAsync(customers.Select(c => Event(c, "page", null, start.AddDays(-60))));
        var results = await WaitForResultsAsync(
            r => Episodes(r) == Customers,
            r => $"{Customers} episodes of '{PlaybookId}'; the results count {Episodes(r)}");

        output.WriteLine($"{Customers} episodes open after {elapsed.Elapsed.TotalSeconds:F1} s");

        // No control customer has ordered yet and the windows are open: the whole control arm is pending.
        Assert.Equal(Arm(results, "control", "episodes"), Arm(results, "control", "pending"));

        // Every treated customer's webhook has come and the receiver has sent the orders it programs.
        var treatedEpisodes = Arm(results, "treatment", "episodes");
        await Eventually.WaitAsync(
            () => Task.FromResult(_answered.Count >= treatedEpisodes),
            Patience,
            () => $"webhooks for the {treatedEpisodes} treated episodes; the receiver has heard about {_answered.Count} customers");
        await Task.WhenAll(_orders).WaitAsync(Patience);
        output.WriteLine($"{_receiver.Received.Count} webhooks answered, {_orders.Count} orders sent after {elapsed.Elapsed.TotalSeconds:F1} s");

        // The engine's own account of each customer: one episode with its arm and the decision about the step.
        var views = await ReadCustomersAsync(customers);
        var treated = customers.Where(c => ArmOf(views[c]) == "treated").ToHashSet(StringComparer.Ordinal);
        var control = customers.Where(c => ArmOf(views[c]) == "control").ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{Customers} customers read after {elapsed.Elapsed.TotalSeconds:F1} s");

        // The base rate for both arms, dated two days after the entry; then the outcome window (30 days) ends.
        var baseOrders = customers.Where(c => Draw("base", c) < BaseRate).ToHashSet(StringComparer.Ordinal);
        await IngestAsync(baseOrders.Select(c => Event(c, "track", "Order Completed", start.AddDays(2))));
        _clock.Advance(TimeSpan.FromDays(31));

        var extraOrders = treated.Where(c => Draw("extra", c) < ExtraRate).ToHashSet(StringComparer.Ordinal);
        var treatedRetained = treated.Count(c => extraOrders.Contains(c) || baseOrders.Contains(c));
        var controlRetained = control.Count(baseOrders.Contains);
        results = await WaitForResultsAsync(
            r => Arm(r, "treatment", "pending") == 0 && Arm(r, "control", "pending") == 0 &&
                 Arm(r, "treatment", "successes") == treatedRetained && Arm(r, "control", "successes") == controlRetained,
            r => $"no pending episode, {treatedRetained} treated and {controlRetained} control customers retained; the results show " +
                 $"treated {Arm(r, "treatment", "successes")} retained / {Arm(r, "treatment", "pending")} pending, " +
                 $"control {Arm(r, "control", "successes")} retained / {Arm(r, "control", "pending")} pending");
        output.WriteLine($"results settled after {elapsed.Elapsed.TotalSeconds:F1} s");

        var version = Version(results);
        var lift = version.GetProperty("lift");
        var (absolute, low, high, pValue) = (
            lift.GetProperty("absolute").GetDouble(), lift.GetProperty("ciLow").GetDouble(), lift.GetProperty("ciHigh").GetDouble(), lift.GetProperty("pValue").GetDouble());
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"treated {treated.Count} customers, {treatedRetained} retained ({version.GetProperty("treatment").GetProperty("rate").GetDouble():F4}); " +
            $"control {control.Count}, {controlRetained} retained ({version.GetProperty("control").GetProperty("rate").GetDouble():F4}); " +
            $"lift {absolute:F4}, 95% CI [{low:F4}, {high:F4}], p {pValue:G3}; programmed {ProgrammedLift:F4}"));

        // The arms are the playbook's 20% holdout (no global control group here), every customer in one of them.
        Assert.Equal(Customers, treated.Count + control.Count);
        Assert.InRange(control.Count, 330, 470); // 400 ± 3.9 standard deviations of Binomial(2000, 0.2)
        Assert.Equal(treated.Count, Arm(results, "treatment", "customers"));
        Assert.Equal(control.Count, Arm(results, "control", "customers"));
        Assert.Equal(control.Count, version.GetProperty("controlByReason").GetProperty("holdout").GetProperty("customers").GetInt64());
        Assert.True(
            low <= ProgrammedLift && ProgrammedLift <= high,
            $"the lift's 95% interval [{low:F4}, {high:F4}] holds the programmed effect {ProgrammedLift:F4} (lift {absolute:F4})");
        Assert.True(pValue < 0.001, $"a lift of {ProgrammedLift} on {Customers} customers is significant; p = {pValue}");

        // The control arm received nothing; every treated customer got exactly one webhook, under its step's key.
        var webhooks = _receiver.Received.Select(r => (Webhook: r, Body: JsonSerializer.Deserialize<JsonElement>(r.Body))).ToList();
        var byCustomer = webhooks.ToLookup(w => w.Body.GetProperty("customerId").GetString()!, StringComparer.Ordinal);
        Assert.DoesNotContain(control, c => byCustomer[c].Any());
        Assert.Equal(treated.Count, webhooks.Count);
        foreach (var customer in treated)
        {
            var received = Assert.Single(byCustomer[customer]);
            var action = Assert.Single(Episode(views[customer]).GetProperty("actions").EnumerateArray().ToList());
            Assert.Equal("sent", action.GetProperty("decision").GetString());
            Assert.Equal(action.GetProperty("idempotencyKey").GetString(), received.Webhook.IdempotencyKey);
            Assert.Equal("treatment", received.Body.GetProperty("arm").GetString());
            Assert.Equal(PlaybookId, received.Body.GetProperty("playbookId").GetString());
        }

        // A control customer's view says what would have been sent, and that it was not.
        foreach (var customer in control)
        {
            var episode = Episode(views[customer]);
            Assert.Equal("holdout", episode.GetProperty("controlReason").GetString());
            var action = Assert.Single(episode.GetProperty("actions").EnumerateArray().ToList());
            Assert.Equal("control", action.GetProperty("decision").GetString());
            Assert.StartsWith($"control: customer is in the holdout of '{PlaybookId}'; would have been sent: email contact", action.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        // A retained control customer's episode ends with its goal, inside the window.
        var retainedControl = control.First(baseOrders.Contains);
        var ended = Episode((await _host.GetUserAsync(retainedControl))!.Value);
        Assert.Equal("goal", ended.GetProperty("exitReason").GetString());
        Assert.Equal(start.AddDays(2), ended.GetProperty("goalAt").GetDateTimeOffset());
    }

    /// <summary>
    /// The receiver's answer to a webhook: with probability <see cref="ExtraRate"/>, an order for the customer dated a day
    /// ahead, sent after the webhook is acknowledged (as a CRM would act on it), so a slow ingest never makes the sender
    /// time out and try again.
    /// </summary>
    private Task RetainAsync(ReceivedWebhook webhook)
    {
        var customer = JsonSerializer.Deserialize<JsonElement>(webhook.Body).GetProperty("customerId").GetString()!;
        if (Draw("extra", customer) < ExtraRate)
        {
            var order = Event(customer, "track", "Order Completed", _clock.GetUtcNow().AddDays(1));
            _orders.Enqueue(Task.Run(() => PostAsync("v1/track", order)));
        }

        _answered[customer] = true;
        return Task.CompletedTask;
    }

    /// <summary>A number in [0, 1) from the customer id: the same customer draws the same number in every run.</summary>
    private static double Draw(string purpose, string customer)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + customer));
        return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
    }

    private static string Event(string customer, string type, string? name, DateTimeOffset at)
    {
        var id = Guid.NewGuid().ToString("N");
        var timestamp = at.ToString("O", CultureInfo.InvariantCulture);
        return name is null
            ? $$"""{"type":"{{type}}","userId":"{{customer}}","name":"Home","messageId":"{{id}}","timestamp":"{{timestamp}}"}"""
            : $$$"""{"type":"{{{type}}}","userId":"{{{customer}}}","event":"{{{name}}}","messageId":"{{{id}}}","timestamp":"{{{timestamp}}}","properties":{"order_id":"{{{id}}}","revenue":40}}""";
    }

    private async Task IngestAsync(IEnumerable<string> events)
    {
        foreach (var chunk in events.Chunk(500))
        {
            await PostAsync("v1/batch", $$"""{"batch":[{{string.Join(',', chunk)}}]}""");
        }
    }

    /// <summary>Posts events with the write key; a 503 (the engine is behind) is retried after its Retry-After with the same messageIds.</summary>
    private async Task PostAsync(string path, string body)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _host.Client.PostAsync(new Uri(path, UriKind.Relative), content);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 30)
            {
                Assert.True(response.IsSuccessStatusCode, $"POST /{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private async Task PutPlaybookAsync()
    {
        var playbook = $$"""
            {
              "id": "{{PlaybookId}}",
              "name": "Win back customers who turn high-risk",
              "enabled": true,
              "entry": { "to": "high" },
              "steps": [
                {
                  "id": "we-miss-you",
                  "delay": "0",
                  "channel": "email",
                  "action": { "type": "webhook", "endpoint": "receiver", "payload": { "template": "we-miss-you" } }
                }
              ],
              "exit": { "goalEvent": "Order Completed", "onBandExit": true },
              "reentry": { "mode": "never" },
              "priority": 10,
              "holdout": {{Holdout.ToString(CultureInfo.InvariantCulture)}},
              "outcomeWindowDays": 30
            }
            """;
        using var content = new StringContent(playbook, Encoding.UTF8, "application/json");
        using var response = await _admin.PutAsync(new Uri($"v1/admin/playbooks/{PlaybookId}", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"PUT {PlaybookId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> WaitForResultsAsync(Func<JsonElement, bool> done, Func<JsonElement, string> describe)
    {
        JsonElement last = default;
        await Eventually.WaitAsync(
            async () =>
            {
                last = await _admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/playbooks/{PlaybookId}/results", UriKind.Relative));
                return done(last);
            },
            Patience,
            () => describe(last));
        return last;
    }

    /// <summary>GET /v1/users/{id} of every customer, each once it shows its episode and the decision about its step.</summary>
    private async Task<Dictionary<string, JsonElement>> ReadCustomersAsync(IReadOnlyList<string> customers)
    {
        var views = new ConcurrentDictionary<string, JsonElement>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(customers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (customer, _) =>
        {
            JsonElement? last = null;
            await Eventually.WaitAsync(
                async () =>
                {
                    last = await _host.GetUserAsync(customer);
                    return last is { } user && user.GetProperty("episodes").GetArrayLength() == 1 &&
                           user.GetProperty("episodes")[0].GetProperty("actions").GetArrayLength() == 1;
                },
                Patience,
                () => $"customer {customer} to show one episode with one decided step; last seen: {last?.ToString() ?? "404"}");
            views[customer] = last!.Value;
        });
        return new Dictionary<string, JsonElement>(views, StringComparer.Ordinal);
    }

    private static JsonElement Episode(JsonElement user)
    {
        var episode = Assert.Single(user.GetProperty("episodes").EnumerateArray().ToList());
        Assert.Equal(PlaybookId, episode.GetProperty("playbookId").GetString());
        return episode;
    }

    private static string? ArmOf(JsonElement user) => Episode(user).GetProperty("arm").GetString();

    private static JsonElement Version(JsonElement results) => Assert.Single(results.GetProperty("versions").EnumerateArray().ToList());

    private static long Episodes(JsonElement results) => Version(results).GetProperty("episodes").GetInt64();

    private static long Arm(JsonElement results, string arm, string figure) => Version(results).GetProperty(arm).GetProperty(figure).GetInt64();
}
