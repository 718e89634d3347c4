using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Api.Tests.Delivery;
using ChurnActors.Silo.Campaigns;
using ChurnActors.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests;

/// <summary>
/// A campaign run inside the customers' quiet hours (the host's quiet hours set around the current time): treated
/// members are deferred, not sent, with the time they are decided again, and the run waits for them in a Hangfire job
/// scheduled for then; when that job runs after the quiet hours, they are sent.
/// </summary>
public sealed class CampaignQuietHoursTests : IAsyncLifetime
{
    private const string AdminKey = "ak_campaign_quiet";
    private const int Customers = 50;

    private readonly PostgresDatabaseFixture _database = new();
    private readonly DateTimeOffset _quietEnds = DateTimeOffset.UtcNow.AddHours(2);
    private readonly ShiftedTimeProvider _clock = new();
    private WebhookReceiver _receiver = null!;
    private EngineHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _receiver = await WebhookReceiver.StartAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        _host = await EngineHost.StartAsync(
            _database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["ChurnActors:Admin:Keys:0"] = AdminKey,
                ["ChurnActors:Retention:Policy:QuietHoursStart"] = start.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["ChurnActors:Retention:Policy:QuietHoursEnd"] = _quietEnds.ToString("HH:mm", CultureInfo.InvariantCulture),
                ["ChurnActors:Retention:Endpoints:receiver:Url"] = new Uri(_receiver.BaseAddress, "ok").ToString(),
                ["ChurnActors:Retention:Endpoints:receiver:Secret"] = "whsec_campaign_quiet_0123456789",
                ["ChurnActors:Retention:Delivery:RunServer"] = "true",
                ["ChurnActors:Retention:Delivery:QueuePollInterval"] = "00:00:00.100",
                ["ChurnActors:Retention:Delivery:WorkerCount"] = "2",
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
    }

    [Fact]
    public async Task Run_DefersTreatedMembersUntilQuietHoursEnd_AndSendsThemThen()
    {
        await using (var connection = await _database.OpenConnectionAsync())
        await using (var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, top_category, last_sequence, updated_at)
            SELECT 'night-' || i, 'scored', 'high', 0.9, 'night', 0, now() FROM generate_series(1, $1) AS i
            """,
            connection))
        {
            insert.Parameters.AddWithValue(Customers);
            await insert.ExecuteNonQueryAsync();
        }

        const string definition = """
            {"id":"night-run","name":"Night run","audience":{"all":[{"field":"topCategory","op":"eq","value":"night"}]},
             "action":{"type":"webhook","endpoint":"receiver"},"holdout":0,"schedule":{"type":"now"}}
            """;
        using var created = await _admin.PostAsync(new Uri("v1/admin/campaigns", UriKind.Relative), Json.Body(definition));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runs")[0].GetProperty("runId").GetInt64();

        JsonElement run = default;
        await Eventually.WaitAsync(
            async () =>
            {
                run = await _admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/night-run/runs/{runId}", UriKind.Relative));
                return run.GetProperty("status").GetString() == "waiting";
            },
            TimeSpan.FromSeconds(60),
            () => $"run {runId} to wait for its deferred members; last seen: {run}");

        var byDecision = run.GetProperty("progress").GetProperty("byDecision");
        var deferred = byDecision.GetProperty("quiet-hours").GetInt64();
        var control = byDecision.TryGetProperty("control", out var c) ? c.GetInt64() : 0;
        Assert.Equal(Customers, deferred + control);
        Assert.True(deferred > 0, run.ToString());
        Assert.Equal(control, run.GetProperty("progress").GetProperty("decided").GetInt64());

        await using var read = await _database.OpenConnectionAsync();
        await using var select = new Npgsql.NpgsqlCommand(
            "SELECT min(deferred_until), max(deferred_until) FROM campaign_members WHERE run_id = $1 AND decision = 'quiet-hours'", read);
        select.Parameters.AddWithValue(runId);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var earliest = reader.GetFieldValue<DateTimeOffset>(0);
        Assert.Equal(earliest, reader.GetFieldValue<DateTimeOffset>(1));
        Assert.InRange(earliest, _quietEnds.AddMinutes(-2), _quietEnds.AddMinutes(1));
        Assert.Empty(_receiver.Received);

        // The run's next job is scheduled for the end of the quiet hours.
        var storage = _host.Services.GetRequiredService<JobStorage>();
        var scheduled = storage.GetMonitoringApi().ScheduledJobs(0, 100)
            .Where(j => j.Value.Job?.Method.Name == nameof(CampaignRunJob.ContinueAsync) && Equals(j.Value.Job.Args[0], runId))
            .ToList();
        var job = Assert.Single(scheduled);
        Assert.InRange(new DateTimeOffset(job.Value.EnqueueAt, TimeSpan.Zero), earliest.AddSeconds(-1), earliest.AddSeconds(1));

        // The quiet hours end and the job runs (triggered now, as from the dashboard, instead of waiting two hours):
        // the deferred members are decided again and sent, each once, and the run finishes.
        _clock.Advance(earliest - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        Assert.True(_host.Services.GetRequiredService<IBackgroundJobClient>().Requeue(job.Key));
        await Eventually.WaitAsync(
            async () =>
            {
                run = await _admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/night-run/runs/{runId}", UriKind.Relative));
                return run.GetProperty("status").GetString() == "finished";
            },
            TimeSpan.FromSeconds(60),
            () => $"run {runId} to finish after the quiet hours; last seen: {run}");
        var progress = run.GetProperty("progress");
        Assert.Equal(Customers, progress.GetProperty("decided").GetInt64());
        Assert.Equal(deferred, progress.GetProperty("sent").GetInt64());
        await Eventually.WaitAsync(
            () => Task.FromResult(_receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count() == deferred),
            TimeSpan.FromSeconds(60),
            () => $"{deferred} webhooks; the receiver has {_receiver.Received.Count}");
        Assert.All(_receiver.Received.GroupBy(r => r.IdempotencyKey), g => Assert.Single(g));
    }
}
