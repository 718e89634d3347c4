using System.Globalization;
using System.Text.Json;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Models;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests.Console;

/// <summary>
/// The churn console driven in headless Chromium (Debian's chromium package) by puppeteer-core
/// (tests/browser/console.mjs): login, the overview, the at-risk list, a customer, a playbook's results, promotion and
/// rollback with their confirmation, logout; a wrong key and forms without their anti-forgery token are refused. With
/// CHURNACTORS_WRITE_SCREENSHOTS=1 the run writes docs/images/console-*.png.
/// </summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ScreenshotsVariable = "CHURNACTORS_WRITE_SCREENSHOTS";

    private static readonly string BrowserDirectory = Path.Combine(RepositoryPaths.Root, "tests", "browser");

    private readonly PostgresDatabaseFixture _database = new();
    private readonly string _adminKey = "ak_test_" + Guid.NewGuid().ToString("N");
    private readonly string _customer = "console-" + Guid.NewGuid().ToString("N")[..12];
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();

        // Before the host starts: it reads the overview's figures once at start and shows them for up to 30 s.
        await SeedProjectionAsync(_customer);
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["ChurnActors:Admin:Keys:0"] = _adminKey,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Console_ShowsProjectionCustomerPlaybookAndModels_InHeadlessChromium()
    {
        RequireBrowser();
        var customer = _customer;
        await SendEventsAsync(customer);
        await _host.WaitForEventsAppliedAsync(customer, 3);
        var playbook = await SeedPlaybookAsync();
        await SeedEpisodeAsync(customer, playbook);
        var (champion, candidate) = await SeedModelsAsync();

        var screenshots = Environment.GetEnvironmentVariable(ScreenshotsVariable) == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "images")
            : null;
        string[] arguments =
        [
            Path.Combine(BrowserDirectory, "console.mjs"),
            "--base", _host.BaseAddress.ToString().TrimEnd('/'),
            "--key", _adminKey,
            "--customer", customer,
            "--playbook", playbook,
            "--promote", candidate.ToString(CultureInfo.InvariantCulture),
            "--chromium", Chromium,
            .. screenshots is null ? Array.Empty<string>() : ["--screenshots", screenshots],
        ];
        var (exitCode, output) = await ExternalProcess.RunAsync("node", arguments, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"the browser run failed ({exitCode}):\n{output}");
        var seen = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement;

        // Not logged in, the console asks for the key; a wrong key is refused and opens no session.
        Assert.True(seen.GetProperty("redirectedToLogin").GetBoolean(), output);
        Assert.Equal(401, seen.GetProperty("failedLogin").GetProperty("status").GetInt32());
        Assert.Contains("not an admin key", seen.GetProperty("failedLogin").GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(seen.GetProperty("failedLogin").GetProperty("session").GetBoolean(), output);

        // Forms posted without the anti-forgery token are refused.
        Assert.Equal(400, seen.GetProperty("loginWithoutToken").GetInt32());
        Assert.False(seen.GetProperty("sessionAfterLoginWithoutToken").GetBoolean(), output);
        Assert.Equal(400, seen.GetProperty("confirmWithoutToken").GetInt32());
        Assert.Equal(champion.ToString(CultureInfo.InvariantCulture), seen.GetProperty("championBeforeConfirm").GetString());

        // The admin key opens the overview, whose band counts are the projection's.
        Assert.Equal("/console", seen.GetProperty("afterLogin").GetString());
        Assert.True(seen.GetProperty("session").GetBoolean(), output);
        var counts = await BandCountsAsync();
        foreach (var band in new[] { "low", "medium", "high" })
        {
            Assert.Equal(counts[band], seen.GetProperty("bandCounts").GetProperty(band).GetInt64());
        }

        Assert.True(seen.GetProperty("overviewCharts").GetInt32() >= 4, output); // bands, histogram, transitions, calibration
        Assert.Equal("0.7000", seen.GetProperty("championAuc").GetString());

        // The at-risk list pages on without repeating a customer.
        var first = seen.GetProperty("atRisk").GetProperty("firstPage").EnumerateArray().Select(e => e.GetString()).ToList();
        var second = seen.GetProperty("atRisk").GetProperty("secondPage").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(50, first.Count);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second));

        // The customer page shows the grain's view and the latest event of the log.
        Assert.Equal(customer, seen.GetProperty("customer").GetProperty("id").GetString());
        Assert.Equal("Cart Viewed", seen.GetProperty("customer").GetProperty("latestEvent").GetString());
        Assert.Equal(["treated"], seen.GetProperty("customer").GetProperty("arms").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["sent", "quiet-hours"], seen.GetProperty("customer").GetProperty("decisions").EnumerateArray().Select(e => e.GetString()));

        // The playbook's results: both arms drawn, and the lift with its interval.
        Assert.Equal(1, seen.GetProperty("playbook").GetProperty("charts").GetInt32());
        var bars = seen.GetProperty("playbook").GetProperty("bars").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("bar arm-treated", bars);
        Assert.Contains("bar arm-control", bars);
        Assert.StartsWith("+", seen.GetProperty("playbook").GetProperty("lift").GetString(), StringComparison.Ordinal);

        // Promotion and rollback each take a confirmation, then change the champion.
        Assert.Contains($"Promote version {candidate}", seen.GetProperty("promoteQuestion").GetString(), StringComparison.Ordinal);
        Assert.Equal(candidate.ToString(CultureInfo.InvariantCulture), seen.GetProperty("promoted").GetProperty("champion").GetString());
        Assert.Contains($"to version {champion}", seen.GetProperty("rollbackQuestion").GetString(), StringComparison.Ordinal);
        Assert.Equal(champion.ToString(CultureInfo.InvariantCulture), seen.GetProperty("rolledBack").GetProperty("champion").GetString());
        var registry = _host.Services.GetRequiredService<IModelRegistry>();
        Assert.Equal(champion, (await registry.ChampionAsync(CancellationToken.None))!.Version);

        // Every asset came from the host.
        Assert.Empty(seen.GetProperty("foreignRequests").EnumerateArray());

        // After logout the console asks for the key again.
        Assert.Equal("/console/login", seen.GetProperty("afterLogout").GetString());
    }

    private static void RequireBrowser()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {Chromium}: apt-get install chromium (deploy/local/test.sh does it).");
        }

        if (!Directory.Exists(Path.Combine(BrowserDirectory, "node_modules", "puppeteer-core")))
        {
            throw new InvalidOperationException("puppeteer-core is not installed: run `npm ci` in tests/browser (deploy/local/test.sh does it).");
        }
    }

    private async Task SendEventsAsync(string customer)
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-30);
        string Event(string type, string name, int minutes) =>
            $$"""{"type":"{{type}}","userId":"{{customer}}","{{(type == "page" ? "name" : "event")}}":"{{name}}","messageId":"{{Guid.NewGuid():N}}","timestamp":"{{at.AddMinutes(minutes):O}}"}""";
        var body = $$"""{"batch":[{{Event("page", "Home", 0)}},{{Event("track", "Product Viewed", 5)}},{{Event("track", "Cart Viewed", 10)}}]}""";
        using var response = await _host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Json.Body(body));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// 300 scored customers and 30 unscored, the test customer among the scored (with a sequence no grain write can
    /// pass, so the rows stay as seeded), and band changes over the last 90 days.
    /// </summary>
    private async Task SeedProjectionAsync(string customer)
    {
        await ExecuteAsync(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, country, band_since,
                                         last_event_at, last_sequence, updated_at)
            SELECT 'seed-' || lpad(g::text, 4, '0'),
                   CASE WHEN g > 300 THEN 'not-scored' ELSE 'scored' END,
                   CASE WHEN g > 300 THEN NULL WHEN g % 100 < 30 THEN 'low' WHEN g % 100 < 60 THEN 'medium' ELSE 'high' END,
                   CASE WHEN g > 300 THEN NULL ELSE (g % 100) / 100.0 END,
                   CASE WHEN g % 4 = 0 THEN NULL ELSE 10 + g END,
                   (ARRAY['shoes', 'books', 'garden'])[1 + g % 3], 'DE',
                   CASE WHEN g > 300 THEN NULL ELSE now() - (g || ' hours')::interval END,
                   now() - (g || ' hours')::interval, 1, now()
            FROM generate_series(1, 330) g
            """);
        await ExecuteAsync(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, country, band_since,
                                         last_event_at, last_sequence, updated_at)
            VALUES ($1, 'scored', 'high', 0.91, 240, 'shoes', 'DE', now() - interval '2 days', now(), 9000000000000000, now())
            ON CONFLICT (customer_key) DO UPDATE SET status = 'scored', band = 'high', probability = 0.91, clv_value = 240,
                last_sequence = 9000000000000000
            """,
            customer);
        await ExecuteAsync(
            """
            INSERT INTO band_transitions (customer_key, cause_sequence, at, from_band, to_band, probability)
            SELECT 'seed-' || lpad((1 + g % 300)::text, 4, '0'), g, now() - ((g % 90) || ' days')::interval,
                   (ARRAY['low', 'medium', NULL])[1 + g % 3], (ARRAY['medium', 'high', 'low'])[1 + g % 3], 0.5
            FROM generate_series(1, 600) g
            """);
        await ExecuteAsync(
            "INSERT INTO band_transitions (customer_key, cause_sequence, at, from_band, to_band, probability) VALUES ($1, 2, now() - interval '2 days', 'medium', 'high', 0.91)",
            customer);
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, long>> BandCountsAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT band, count(*) FROM customer_scores WHERE band IS NOT NULL GROUP BY band";
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["low"] = 0, ["medium"] = 0, ["high"] = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>The example win-back playbook with 400 decided episodes: a third of the treated retained, a quarter of the control.</summary>
    private async Task<string> SeedPlaybookAsync()
    {
        var read = PlaybookReader.Read(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json")));
        Assert.NotNull(read.Definition);
        var store = _host.Services.GetRequiredService<IPlaybookStore>();
        await store.ApplyAsync(read.Definition, CancellationToken.None);

        await ExecuteAsync(
            """
            INSERT INTO retention_episodes (customer_key, playbook_id, playbook_version, arm, control_reason, to_band, cause_sequence,
                                            opened_at, outcome_ends_at, exit_reason, exited_at, goal_at, revenue_in_window)
            SELECT 'episode-' || g, $1, 1,
                   CASE WHEN g % 5 = 0 THEN 'control' ELSE 'treated' END,
                   CASE WHEN g % 10 = 0 THEN 'global' WHEN g % 5 = 0 THEN 'holdout' END,
                   'high', g, now() - interval '40 days', now() - interval '10 days',
                   CASE WHEN retained THEN 'goal' ELSE 'completed' END, now() - interval '10 days',
                   CASE WHEN retained THEN now() - interval '20 days' END,
                   CASE WHEN retained THEN 50 ELSE 0 END
            FROM (SELECT g, CASE WHEN g % 5 = 0 THEN g % 20 = 0 ELSE g % 3 = 0 END AS retained FROM generate_series(1, 400) g) s
            """,
            read.Definition.Id);
        return read.Definition.Id;
    }

    /// <summary>An episode of the customer in the playbook, with one action sent and one held back by the contact policy.</summary>
    private async Task SeedEpisodeAsync(string customer, string playbook)
    {
        await ExecuteAsync(
            """
            INSERT INTO retention_episodes (customer_key, playbook_id, playbook_version, arm, to_band, from_band, cause_sequence, opened_at, outcome_ends_at)
            VALUES ($1, $2, 1, 'treated', 'high', 'medium', 2, now() - interval '2 days', now() + interval '28 days')
            """,
            customer,
            playbook);
        await ExecuteAsync(
            """
            INSERT INTO retention_actions (episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at)
            SELECT episode_id, step, channel, due, decision, reason, $1 || '-' || step, due
            FROM retention_episodes,
                 (VALUES ('email-1', 'email', now() - interval '2 days', 'sent', 'within the contact policy'),
                         ('sms-1', 'sms', now() - interval '1 day', 'quiet-hours', 'due at 23:10 in Europe/Berlin, inside quiet hours 21:00-08:00'))
                 AS a (step, channel, due, decision, reason)
            WHERE customer_key = $1
            """,
            customer);
    }

    /// <summary>A champion (AUC 0.70) and a better candidate on the same rows, both with calibration bins.</summary>
    private async Task<(long Champion, long Candidate)> SeedModelsAsync()
    {
        var registry = _host.Services.GetRequiredService<IModelRegistry>();
        var champion = await registry.RegisterAsync(WithCalibration(ModelRegistrations.Registration(0.70, 0.20, ece: 0.03)), CancellationToken.None);
        await registry.PromoteAsync(champion.Version, force: false, "test", CancellationToken.None);
        var candidate = await registry.RegisterAsync(WithCalibration(ModelRegistrations.Registration(0.76, 0.18, ece: 0.02)), CancellationToken.None);
        return (champion.Version, candidate.Version);
    }

    private static ModelRegistration WithCalibration(ModelRegistration registration)
    {
        var metrics = new Dictionary<string, double>(registration.Evaluation.Metrics, StringComparer.Ordinal);
        for (var bin = 0; bin < 10; bin++)
        {
            var prefix = "calibration." + bin.ToString(CultureInfo.InvariantCulture);
            metrics[prefix + ".predicted"] = (bin + 0.5) / 10;
            metrics[prefix + ".observed"] = Math.Clamp(((bin + 0.5) / 10) + (((bin % 3) - 1) * 0.03), 0, 1);
            metrics[prefix + ".rows"] = 500;
        }

        return registration with { Evaluation = registration.Evaluation with { Metrics = metrics } };
    }
}
