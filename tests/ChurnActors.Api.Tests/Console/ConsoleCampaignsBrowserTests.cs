using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests.Console;

/// <summary>
/// The console's campaign pages driven in headless Chromium (Debian's chromium package) by puppeteer-core
/// (tests/browser/campaigns.mjs): log in, create a campaign with a dry run, schedule it with cron and a time zone, see
/// its recurring job on the Hangfire dashboard, run it and see both arms on its results. With
/// CHURNACTORS_WRITE_SCREENSHOTS=1 the run writes docs/images/console-campaign*.png.
/// </summary>
public sealed class ConsoleCampaignsBrowserTests(CampaignsHostFixture fixture) : IClassFixture<CampaignsHostFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ScreenshotsVariable = "CHURNACTORS_WRITE_SCREENSHOTS";
    private const int Customers = 120;
    private const string Category = "browser-camp";

    private static readonly string BrowserDirectory = Path.Combine(RepositoryPaths.Root, "tests", "browser");

    [Fact]
    public async Task CampaignPages_CreateDryRunScheduleAndRun_InHeadlessChromium()
    {
        RequireBrowser();
        const string campaignId = "browser-mondays";
        await SeedScoresAsync();

        var screenshots = Environment.GetEnvironmentVariable(ScreenshotsVariable) == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "images")
            : null;
        string[] arguments =
        [
            Path.Combine(BrowserDirectory, "campaigns.mjs"),
            "--base", fixture.Host.BaseAddress.ToString().TrimEnd('/'),
            "--key", CampaignsHostFixture.AdminKey,
            "--campaign", campaignId,
            "--category", Category,
            "--endpoint", "receiver",
            "--chromium", Chromium,
            .. screenshots is null ? Array.Empty<string>() : ["--screenshots", screenshots],
        ];
        var (exitCode, output) = await ExternalProcess.RunAsync("node", arguments, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"the browser run failed ({exitCode}):\n{output}");
        var seen = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]).RootElement;

        Assert.Equal("/console/campaigns", seen.GetProperty("listPath").GetString());

        // The dry run counts the audience and shows sample members before anything is saved.
        Assert.Equal("120", seen.GetProperty("dryRun").GetProperty("count").GetString());
        Assert.Equal("120", seen.GetProperty("dryRun").GetProperty("high").GetString());
        Assert.Equal(20, seen.GetProperty("dryRun").GetProperty("sample").GetInt32());

        // Saved with cron and time zone: the campaign page names its recurring job, and the dashboard lists it.
        Assert.Equal(campaignId, seen.GetProperty("campaign").GetProperty("id").GetString());
        Assert.Equal("cron 0 9 * * MON (Europe/Berlin)", seen.GetProperty("campaign").GetProperty("schedule").GetString());
        Assert.Equal("campaign:" + campaignId, seen.GetProperty("campaign").GetProperty("recurringJob").GetString());
        Assert.Equal(200, seen.GetProperty("hangfire").GetProperty("status").GetInt32());
        Assert.Contains("campaign:" + campaignId, seen.GetProperty("hangfire").GetProperty("jobs").EnumerateArray().Select(e => e.GetString()));

        // Run now: the run finishes and the results draw both arms, over all runs and for the run.
        Assert.True(seen.GetProperty("runStarted").GetString()?.Contains("is queued", StringComparison.Ordinal) == true, output);
        Assert.True(seen.GetProperty("runStatus").GetString() == "finished", output);
        Assert.Equal(2, seen.GetProperty("results").GetProperty("charts").GetInt32());
        var bars = seen.GetProperty("results").GetProperty("bars").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(2, bars.Count(b => b == "bar arm-treated"));
        Assert.Equal(2, bars.Count(b => b == "bar arm-control"));

        // The list shows the schedule and the last run.
        Assert.Equal("cron 0 9 * * MON (Europe/Berlin)", seen.GetProperty("list").GetProperty("schedule").GetString());
        Assert.Contains("finished", seen.GetProperty("list").GetProperty("lastRun").GetString(), StringComparison.Ordinal);
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

    private async Task SeedScoresAsync()
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, last_sequence, updated_at)
            SELECT 'browser-c-' || lpad(g::text, 4, '0'), 'scored', 'high', 0.8, 120, $1, 0, now() FROM generate_series(1, $2) g
            """,
            connection);
        insert.Parameters.AddWithValue(Category);
        insert.Parameters.AddWithValue(Customers);
        await insert.ExecuteNonQueryAsync();
    }
}
