using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests.Console;

/// <summary>
/// The console's campaign pages on the real host (Kestrel, PostgreSQL, Hangfire delivery to a Kestrel receiver), driven
/// as a browser would through forms with their anti-forgery token: a dry run shows the audience's count, bad input is
/// answered by the form with the field named, a cron campaign appears on the list and as its recurring job on the
/// Hangfire dashboard, "Run now" runs it and the campaign page draws both arms' results, "Pause" removes the job.
/// </summary>
public sealed partial class ConsoleCampaignsTests(CampaignsHostFixture fixture) : IClassFixture<CampaignsHostFixture>
{
    private const int Customers = 200;
    private const string Category = "console-camp";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task CampaignPages_CreateScheduleRunAndShowResults_ThroughTheConsoleForms()
    {
        const string campaignId = "console-mondays";
        await SeedScoresAsync();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await LogInAsync(browser);

        // The dry run counts the audience without saving anything.
        var form = await browser.GetStringAsync(new Uri("console/newcampaign", UriKind.Relative));
        var fields = Form(campaignId, "0 9 * * MON");
        using (var dryRun = await PostAsync(browser, "console/newcampaign?handler=DryRun", Token(form), fields))
        {
            var html = await dryRun.Content.ReadAsStringAsync();
            Assert.True(dryRun.StatusCode == HttpStatusCode.OK, html);
            Assert.Contains($"<span id=\"audience-count\">{Customers}</span>", html, StringComparison.Ordinal);
            Assert.Contains($"<span id=\"band-high\">{Customers}</span>", html, StringComparison.Ordinal);
            Assert.Contains("camp-c-", html, StringComparison.Ordinal);
        }

        var list = await browser.GetStringAsync(new Uri("console/campaigns", UriKind.Relative));
        Assert.DoesNotContain(campaignId, list, StringComparison.Ordinal);

        // A wrong cron is answered next to the form with the field named, and saves nothing.
        using (var refused = await PostAsync(browser, "console/newcampaign?handler=Save", Token(form), Form(campaignId, "0 25 * * *")))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("<code>schedule.cron</code>", html, StringComparison.Ordinal);
            Assert.Contains("value=\"0 25 * * *\"", html, StringComparison.Ordinal);
        }

        // Saved with cron and time zone: the list shows it, and Hangfire lists its recurring job.
        using (var saved = await PostAsync(browser, "console/newcampaign?handler=Save", Token(form), fields))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
            Assert.Equal($"/console/Campaign?id={campaignId}", saved.Headers.Location?.OriginalString);
        }

        list = await browser.GetStringAsync(new Uri("console/campaigns", UriKind.Relative));
        Assert.Contains($"data-campaign=\"{campaignId}\"", list, StringComparison.Ordinal);
        Assert.Contains("cron 0 9 * * MON (Europe/Berlin)", list, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri($"console/campaign?id={campaignId}", UriKind.Relative));
        Assert.Contains($"<code id=\"recurring-job\">campaign:{campaignId}</code>", page, StringComparison.Ordinal);
        Assert.Contains($"campaign:{campaignId}", await RecurringJobsPageAsync(), StringComparison.Ordinal);

        // Run now queues a run; the campaign page follows it to the end and draws both arms.
        string runId;
        using (var run = await PostAsync(browser, "console/campaign?handler=Run", Token(page), new() { ["id"] = campaignId }))
        {
            Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
            runId = StartedRun().Match(run.Headers.Location!.OriginalString).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(runId), run.Headers.Location.OriginalString);
        }

        await Eventually.WaitAsync(
            async () =>
            {
                page = await browser.GetStringAsync(new Uri($"console/campaign?id={campaignId}", UriKind.Relative));
                return page.Contains($"<tr data-run=\"{runId}\">", StringComparison.Ordinal)
                    && page.Contains("<td class=\"status\">finished</td>", StringComparison.Ordinal);
            },
            Patience,
            () => $"run {runId} to show as finished on the campaign page");
        Assert.Contains($"data-run=\"{runId}\"", page, StringComparison.Ordinal);
        Assert.Contains("bar arm-treated", page, StringComparison.Ordinal);
        Assert.Contains("bar arm-control", page, StringComparison.Ordinal);
        Assert.Contains($"{Customers.ToString(CultureInfo.InvariantCulture)} members", page, StringComparison.Ordinal);

        // Pause stops the schedule: the recurring job leaves the dashboard.
        using (var paused = await PostAsync(browser, "console/campaign?handler=Pause", Token(page), new() { ["id"] = campaignId }))
        {
            Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        }

        page = await browser.GetStringAsync(new Uri($"console/campaign?id={campaignId}", UriKind.Relative));
        Assert.Contains("<strong id=\"campaign-state\">paused</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"campaign:{campaignId}", await RecurringJobsPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditCampaign_StoresTheNextVersionWithPayloadAndCoupon_ThroughTheConsoleForm()
    {
        const string campaignId = "console-edit";
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await LogInAsync(browser);
        var form = await browser.GetStringAsync(new Uri("console/newcampaign", UriKind.Relative));
        using (var saved = await PostAsync(browser, "console/newcampaign?handler=Save", Token(form), Form(campaignId, "0 9 * * MON")))
        {
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        }

        // The campaign page links to the form filled with the stored definition, its id fixed.
        var page = await browser.GetStringAsync(new Uri($"console/campaign?id={campaignId}", UriKind.Relative));
        Assert.Contains($"href=\"/console/NewCampaign?edit={campaignId}\"", page, StringComparison.Ordinal);
        var edit = await browser.GetStringAsync(new Uri($"console/newcampaign?edit={campaignId}", UriKind.Relative));
        Assert.Contains($"Edit campaign {campaignId}", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"0 9 * * MON\"", edit, StringComparison.Ordinal);
        Assert.Contains("readonly=\"readonly\"", edit, StringComparison.Ordinal);

        // An offer without a currency is refused with the coupon's field named; nothing changes.
        var fields = Form(campaignId, "30 8 * * TUE");
        fields["Editing"] = "true";
        fields["ActionType"] = "offer";
        fields["Payload"] = """{ "template": "winback-10" }""";
        fields["CouponShareOfClv"] = "0.1";
        fields["CouponCap"] = "25";
        using (var refused = await PostAsync(browser, "console/newcampaign?handler=Save", Token(edit), fields))
        {
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("<code>action.coupon.currency</code>", html, StringComparison.Ordinal);
        }

        fields["CouponCurrency"] = "EUR";
        using (var updated = await PostAsync(browser, "console/newcampaign?handler=Save", Token(edit), fields))
        {
            Assert.True(updated.StatusCode == HttpStatusCode.Redirect, await updated.Content.ReadAsStringAsync());
        }

        // The admin API reads version 2 with the new schedule, payload and coupon; the recurring job has the new cron.
        var campaign = await fixture.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>(new Uri($"v1/admin/campaigns/{campaignId}", UriKind.Relative));
        Assert.Equal(2, campaign.GetProperty("version").GetInt32());
        var definition = campaign.GetProperty("definition");
        Assert.Equal("30 8 * * TUE", definition.GetProperty("schedule").GetProperty("cron").GetString());
        var action = definition.GetProperty("action");
        Assert.Equal("offer", action.GetProperty("type").GetString());
        Assert.Equal("winback-10", action.GetProperty("payload").GetProperty("template").GetString());
        Assert.Equal(0.1, action.GetProperty("coupon").GetProperty("shareOfClv").GetDouble());
        Assert.Equal(25m, action.GetProperty("coupon").GetProperty("cap").GetDecimal());
        Assert.Equal("EUR", action.GetProperty("coupon").GetProperty("currency").GetString());
        Assert.Contains("30 8 * * TUE", await RecurringJobsPageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignPage_Refuses_WhenTheFormHasNoAntiForgeryToken()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await LogInAsync(browser);

        using var run = await browser.PostAsync(
            new Uri("console/newcampaign?handler=Save", UriKind.Relative), new FormUrlEncodedContent(Form("no-token", "0 9 * * MON")));

        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        var list = await browser.GetStringAsync(new Uri("console/campaigns", UriKind.Relative));
        Assert.DoesNotContain("no-token", list, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Form(string id, string cron) => new()
    {
        ["CampaignId"] = id,
        ["Name"] = "Mondays from the console",
        ["Audience"] = $$"""{ "all": [ { "field": "topCategory", "op": "eq", "value": "{{Category}}" } ] }""",
        ["ActionType"] = "webhook",
        ["Endpoint"] = "receiver",
        ["Channel"] = "email",
        ["Holdout"] = "0.2",
        ["GoalEvent"] = "Order Completed",
        ["WindowDays"] = "30",
        ["ScheduleType"] = "cron",
        ["Cron"] = cron,
        ["TimeZone"] = "Europe/Berlin",
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, string token, Dictionary<string, string> fields)
    {
        fields["__csrf"] = token;
        return await browser.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    private static string Token(string html)
    {
        var token = CsrfField().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the page has no anti-forgery field");
        return token;
    }

    private static async Task LogInAsync(HttpClient browser)
    {
        var form = await browser.GetStringAsync(new Uri("console/login", UriKind.Relative));
        using var login = await browser.PostAsync(
            new Uri("console/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = CampaignsHostFixture.AdminKey, ["__csrf"] = Token(form) }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    /// <summary>The Hangfire dashboard's recurring jobs page, opened with the admin key as HTTP Basic user name.</summary>
    private async Task<string> RecurringJobsPageAsync()
    {
        using var dashboard = new HttpClient { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(CampaignsHostFixture.AdminKey + ":")));
        using var response = await dashboard.GetAsync(new Uri("hangfire/recurring", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"the dashboard answered {(int)response.StatusCode}: {html}");
        return html;
    }

    private async Task SeedScoresAsync()
    {
        await using var connection = await fixture.Database.OpenConnectionAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO customer_scores (customer_key, status, band, probability, clv_value, top_category, last_sequence, updated_at)
            SELECT 'camp-c-' || lpad(g::text, 4, '0'), 'scored', 'high', 0.8, 120, $1, 0, now() FROM generate_series(1, $2) g
            """,
            connection);
        insert.Parameters.AddWithValue(Category);
        insert.Parameters.AddWithValue(Customers);
        await insert.ExecuteNonQueryAsync();
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [GeneratedRegex("started=([0-9]+)")]
    private static partial Regex StartedRun();
}
