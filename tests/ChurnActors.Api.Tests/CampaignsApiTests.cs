using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Retention.Control;
using ChurnActors.Silo.Campaigns;
using ChurnActors.Storage.Campaigns;
using ChurnActors.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChurnActors.Api.Tests;

/// <summary>
/// Campaigns on the real host (Kestrel, the Orleans silo, PostgreSQL, Hangfire delivery to a Kestrel receiver): a run
/// over 2,000 customers of the projection with a 20% holdout, bad definitions answered with the field named, and a
/// cron campaign as a recurring Hangfire job with its time zone.
/// </summary>
public sealed class CampaignsApiTests(CampaignsHostFixture fixture, ITestOutputHelper output) : IClassFixture<CampaignsHostFixture>
{
    private const int Customers = 2_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Run_SendsOneWebhookPerTreatedSentMember_AndNoneToControl()
    {
        const string category = "camp-run";
        const string campaignId = "run-now-e2e";
        var customers = Enumerable.Range(0, Customers).Select(i => $"camp-{i:D4}").ToList();
        await SeedScoresAsync(customers, category);

        // One treated customer had a playbook email a minute ago: the daily email cap has no room for the campaign.
        var groups = new ControlGroups(new ControlGroupOptions());
        var capped = customers.First(c => !groups.Assign(c, campaignId, 0.2).IsControl);
        await RecordPlaybookEmailAsync(capped);

        using var created = await fixture.Admin.PostAsync(new Uri("v1/admin/campaigns", UriKind.Relative), Json.Body(Campaign(campaignId, category, """{"type":"now"}""")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>();
        var runId = campaign.GetProperty("runs")[0].GetProperty("runId").GetInt64();

        JsonElement run = default;
        await Eventually.WaitAsync(
            async () =>
            {
                run = await fixture.Admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/{campaignId}/runs/{runId}", UriKind.Relative));
                return run.GetProperty("status").GetString() == "finished";
            },
            Patience,
            () => $"run {runId} to finish; last seen: {run}");
        output.WriteLine(run.ToString());

        var members = await MembersAsync(runId);
        Assert.Equal(Customers, members.Count);
        var progress = run.GetProperty("progress");
        Assert.Equal(Customers, progress.GetProperty("members").GetInt64());
        Assert.Equal(Customers, progress.GetProperty("decided").GetInt64());

        // Arms: the 20% holdout (and the 5% global control group) are control, never sent; every other member is
        // sent except the capped one.
        var control = members.Where(m => m.Value.Arm == "control").Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var sent = members.Where(m => m.Value.Decision == "sent").Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        Assert.InRange(control.Count, (int)(Customers * 0.18), (int)(Customers * 0.30));
        Assert.All(control, c => Assert.Equal("control", members[c].Decision));
        Assert.Contains("would have been", members[control.First()].Reason, StringComparison.Ordinal);
        Assert.Equal("capped", members[capped].Decision);
        Assert.Equal(Customers - control.Count - 1, sent.Count);

        // The receiver gets exactly one webhook per sent member, under its key, and none for control members.
        await Eventually.WaitAsync(
            () => Task.FromResult(fixture.Receiver.Received.Select(r => r.IdempotencyKey).Where(k => k.StartsWith($"campaign-{runId}-", StringComparison.Ordinal)).Distinct().Count() >= sent.Count),
            Patience,
            () => $"{sent.Count} webhooks of run {runId}; the receiver has {fixture.Receiver.Received.Count} requests");
        foreach (var customer in sent)
        {
            var webhook = Assert.Single(fixture.Receiver.For($"campaign-{runId}-{customer}"));
            using var body = JsonDocument.Parse(webhook.Body);
            Assert.Equal(customer, body.RootElement.GetProperty("customerId").GetString());
            Assert.Equal(campaignId, body.RootElement.GetProperty("campaignId").GetString());
        }

        Assert.All(control.Append(capped), c => Assert.Empty(fixture.Receiver.For($"campaign-{runId}-{c}")));

        // A treated member orders after the run: the results count it retained with its revenue; both arms are shown,
        // the rest pending while the 30-day window runs.
        var buyer = sent.First();
        await IngestOrderAsync(buyer, DateTimeOffset.UtcNow, 40);
        JsonElement results = default;
        await Eventually.WaitAsync(
            async () =>
            {
                results = await fixture.Admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/{campaignId}/results", UriKind.Relative));
                return results.GetProperty("overall").GetProperty("treatment").GetProperty("successes").GetInt64() == 1;
            },
            Patience,
            () => $"the results to count the order of {buyer}; last seen: {results}");
        var overall = results.GetProperty("overall");
        Assert.Equal(Customers - control.Count, overall.GetProperty("treatment").GetProperty("episodes").GetInt64());
        Assert.Equal(control.Count, overall.GetProperty("control").GetProperty("episodes").GetInt64());
        Assert.Equal(control.Count, overall.GetProperty("control").GetProperty("pending").GetInt64());
        Assert.Equal(40, overall.GetProperty("treatment").GetProperty("revenue").GetDouble());
        Assert.Equal(runId, results.GetProperty("runs")[0].GetProperty("runId").GetInt64());
    }

    [Theory]
    [InlineData("\"holdout\": 0.7", "holdout")]
    [InlineData("\"schedule\": {\"type\":\"cron\",\"cron\":\"0 25 * * *\",\"timeZone\":\"Europe/Berlin\"}", "schedule.cron")]
    [InlineData("\"schedule\": {\"type\":\"cron\",\"cron\":\"0 9 * * MON\",\"timeZone\":\"Mars/Olympus\"}", "schedule.timeZone")]
    [InlineData("\"schedule\": {\"type\":\"at\",\"at\":\"2020-01-01T09:00:00Z\"}", "schedule.at")]
    [InlineData("\"audience\": {\"all\":[{\"field\":\"bnad\",\"op\":\"eq\",\"value\":\"high\"}]}", "audience.all[0].field")]
    [InlineData("\"colour\": \"red\"", "colour")]
    public async Task Create_AnswersAProblemNamingTheField_WhenTheDefinitionIsWrong(string replacement, string path)
    {
        var definition = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Campaign("bad-" + Json.Id()[..8], "none", """{"type":"now"}"""))!;
        var wrong = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("{" + replacement + "}")!;
        foreach (var (key, value) in wrong)
        {
            definition[key] = value;
        }

        using var response = await fixture.Admin.PostAsync(new Uri("v1/admin/campaigns", UriKind.Relative), Json.Body(JsonSerializer.Serialize(definition)));

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        var paths = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains(path, paths);
    }

    [Fact]
    public async Task Create_RegistersARecurringJobWithItsTimeZone_WhenTheScheduleIsCron()
    {
        const string campaignId = "mondays-berlin";
        using var created = await fixture.Admin.PostAsync(
            new Uri("v1/admin/campaigns", UriKind.Relative),
            Json.Body(Campaign(campaignId, "none", """{"type":"cron","cron":"0 9 * * MON","timeZone":"Europe/Berlin"}""")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("campaign:" + campaignId, campaign.GetProperty("recurringJobId").GetString());
        var next = campaign.GetProperty("nextFireTimes").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        Assert.Equal(5, next.Count);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.All(next, t => Assert.Equal((DayOfWeek.Monday, 9), (TimeZoneInfo.ConvertTime(t, berlin).DayOfWeek, TimeZoneInfo.ConvertTime(t, berlin).Hour)));

        var job = RecurringJob("campaign:" + campaignId);
        Assert.NotNull(job);
        Assert.Equal("0 9 * * MON", job.Cron);
        Assert.Equal("Europe/Berlin", job.TimeZoneId);

        using var paused = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/pause", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Null(RecurringJob("campaign:" + campaignId));

        using var resumed = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/resume", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.NotNull(RecurringJob("campaign:" + campaignId));
    }

    [Fact]
    public async Task Pause_StopsAnOpenRunBeforeItsNextPage_AndResumeFinishesIt()
    {
        const string category = "camp-pause";
        const string campaignId = "pause-mid-run";
        var customers = Enumerable.Range(0, 300).Select(i => $"pause-{i:D3}").ToList();
        await SeedScoresAsync(customers, category);
        using var created = await fixture.Admin.PostAsync(
            new Uri("v1/admin/campaigns", UriKind.Relative),
            Json.Body(Campaign(campaignId, category, """{"type":"cron","cron":"0 9 1 1 *","timeZone":"UTC"}""")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // A run the campaign has open (made, not yet worked) when the manager pauses the campaign; its job then works
        // it, as Hangfire would: the run stops before deciding anyone.
        var store = fixture.Host.Services.GetRequiredService<ICampaignStore>();
        var run = await store.GetOrCreateRunAsync(campaignId, "manual:paused-run", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.NotNull(run);
        using (var paused = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/pause", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }

        await fixture.Host.Services.GetRequiredService<CampaignRunner>().RunAsync(run.RunId, CancellationToken.None);
        var stopped = await fixture.Admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/{campaignId}/runs/{run.RunId}", UriKind.Relative));
        Assert.Equal("paused", stopped.GetProperty("status").GetString());
        Assert.Equal(0, stopped.GetProperty("progress").GetProperty("decided").GetInt64());

        // Running it now while paused is refused with a problem that says to resume first.
        using (var refused = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/run", UriKind.Relative), null))
        {
            var problem = await Json.ProblemAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains("resume", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(fixture.Receiver.Received, r => r.IdempotencyKey.StartsWith($"campaign-{run.RunId}-", StringComparison.Ordinal));

        // Resuming continues the paused run to its end: every member decided, the treated ones sent.
        using (var resumed = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/resume", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        JsonElement finished = default;
        await Eventually.WaitAsync(
            async () =>
            {
                finished = await fixture.Admin.GetFromJsonAsync<JsonElement>(new Uri($"v1/admin/campaigns/{campaignId}/runs/{run.RunId}", UriKind.Relative));
                return finished.GetProperty("status").GetString() == "finished";
            },
            Patience,
            () => $"the resumed run {run.RunId} to finish; last seen: {finished}");
        Assert.Equal(customers.Count, finished.GetProperty("progress").GetProperty("decided").GetInt64());
        var sent = finished.GetProperty("progress").GetProperty("sent").GetInt64();
        Assert.True(sent > 0, finished.ToString());
        await Eventually.WaitAsync(
            () => Task.FromResult(fixture.Receiver.Received.Select(r => r.IdempotencyKey).Where(k => k.StartsWith($"campaign-{run.RunId}-", StringComparison.Ordinal)).Distinct().Count() == sent),
            Patience,
            () => $"{sent} webhooks of the resumed run {run.RunId}");
    }

    [Fact]
    public async Task Resume_RunsAnAtCampaignOnce_WhenItsTimePassedWhilePaused()
    {
        const string category = "camp-at";
        const string campaignId = "at-while-paused";
        await SeedScoresAsync([.. Enumerable.Range(0, 40).Select(i => $"at-{i:D2}")], category);
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        using var created = await fixture.Admin.PostAsync(
            new Uri("v1/admin/campaigns", UriKind.Relative),
            Json.Body(Campaign(campaignId, category, $$"""{"type":"at","at":"{{at.ToString("O", CultureInfo.InvariantCulture)}}"}""")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using (var paused = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/pause", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        }

        // The time comes and goes while the campaign is paused (the scheduled fire finds it paused): no run.
        var store = fixture.Host.Services.GetRequiredService<ICampaignStore>();
        var monitoring = fixture.Host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Eventually.WaitAsync(
            () => Task.FromResult(monitoring.SucceededJobs(0, 1_000).Any(
                j => j.Value.Job?.Method.Name == nameof(CampaignRunJob.FireAtAsync) && Equals(j.Value.Job.Args[0], campaignId))),
            Patience,
            () => $"the scheduled fire of {campaignId} at {at:O} to run");
        Assert.Empty(await store.RunsAsync(campaignId, CancellationToken.None));

        // Resumed, and resumed again: the missed time fires once.
        for (var i = 0; i < 2; i++)
        {
            using var resumed = await fixture.Admin.PostAsync(new Uri($"v1/admin/campaigns/{campaignId}/resume", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        }

        IReadOnlyList<Storage.Campaigns.CampaignRun> runs = [];
        await Eventually.WaitAsync(
            async () =>
            {
                runs = await store.RunsAsync(campaignId, CancellationToken.None);
                return runs.Count > 0 && runs.All(r => r.Status == CampaignRunStatus.Finished);
            },
            Patience,
            () => $"the missed fire of {campaignId} to run; runs: {string.Join(", ", runs.Select(r => r.FireKey + " " + r.Status))}");
        var run = Assert.Single(runs);
        Assert.Equal(CampaignKeys.Fire("at", at), run.FireKey);
        Assert.Equal(40, (await store.ProgressAsync(run.RunId, CancellationToken.None)).Decided);
    }

    private RecurringJobDto? RecurringJob(string id)
    {
        using var connection = fixture.Host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == id);
    }

    private static string Campaign(string id, string category, string schedule) => $$"""
        {
          "id": "{{id}}",
          "name": "Campaign {{id}}",
          "audience": { "all": [ { "field": "topCategory", "op": "eq", "value": "{{category}}" } ] },
          "action": { "type": "webhook", "endpoint": "receiver", "payload": { "template": "winback" } },
          "holdout": 0.2,
          "schedule": {{schedule}}
        }
        """;

    private async Task SeedScoresAsync(IReadOnlyList<string> customers, string category)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, last_sequence, updated_at)
            SELECT key, 'scored', 'high', 0.8, 120, $2, 0, now() FROM unnest($1::text[]) AS key
            """,
            connection);
        insert.Parameters.AddWithValue(customers.ToArray());
        insert.Parameters.AddWithValue(category);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>What a playbook's sent email leaves in the record: an episode and its sent action, a minute ago.</summary>
    private async Task RecordPlaybookEmailAsync(string customer)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using (var playbook = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO playbooks (id, current_version, enabled, created_at, updated_at) VALUES ('earlier', 1, false, now(), now()) ON CONFLICT DO NOTHING;
            INSERT INTO playbook_versions (playbook_id, version, definition, created_at) VALUES ('earlier', 1, '{}', now()) ON CONFLICT DO NOTHING;
            """,
            connection))
        {
            await playbook.ExecuteNonQueryAsync();
        }

        await using var insert = new Npgsql.NpgsqlCommand(
            """
            WITH episode AS (
                INSERT INTO retention_episodes (customer_key, playbook_id, playbook_version, arm, to_band, cause_sequence, opened_at, outcome_ends_at)
                VALUES ($1, 'earlier', 1, 'treated', 'high', 1, now() - interval '1 minute', now() + interval '30 days') RETURNING episode_id)
            INSERT INTO retention_actions (episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at)
            SELECT episode_id, 'email', 'email', now() - interval '1 minute', 'sent', 'sent', 'earlier-' || $1, now() - interval '1 minute' FROM episode;
            """,
            connection);
        insert.Parameters.AddWithValue(customer);
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, (string Arm, string? Decision, string? Reason)>> MembersAsync(long runId)
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var select = new Npgsql.NpgsqlCommand("SELECT customer_key, arm, decision, reason FROM campaign_members WHERE run_id = $1", connection);
        select.Parameters.AddWithValue(runId);
        await using var reader = await select.ExecuteReaderAsync();
        var members = new Dictionary<string, (string, string?, string?)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            members[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return members;
    }

    private async Task IngestOrderAsync(string customer, DateTimeOffset at, decimal revenue)
    {
        var timestamp = at.ToString("O", CultureInfo.InvariantCulture);
        var amount = revenue.ToString(CultureInfo.InvariantCulture);
        var body = $$$"""
            {"batch":[{"type":"track","userId":"{{{customer}}}","event":"Order Completed","messageId":"{{{Json.Id()}}}","timestamp":"{{{timestamp}}}","properties":{"order_id":"{{{Json.Id()}}}","revenue":{{{amount}}}}}]}
            """;
        using var response = await fixture.Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Json.Body(body));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
