using System.Net;
using System.Text.RegularExpressions;

namespace ChurnActors.Api.Tests.Console;

/// <summary>The console on a host in the in-memory mode: the session works, and pages that need the projection say so.</summary>
public sealed partial class ConsoleInMemoryTests : IAsyncLifetime
{
    private readonly string _adminKey = "ak_test_" + Guid.NewGuid().ToString("N");
    private EngineHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await EngineHost.StartAsync(null, new Dictionary<string, string?> { ["ChurnActors:Admin:Keys:0"] = _adminKey });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Overview_SaysThatTheProjectionNeedsPostgreSql_WhenTheHostRunsInMemory()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var form = await browser.GetStringAsync(new Uri("console/login", UriKind.Relative));
        var token = CsrfField().Match(form).Groups[1].Value;
        using var login = await browser.PostAsync(
            new Uri("console/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = _adminKey, ["__csrf"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var overview = await browser.GetAsync(new Uri("console", UriKind.Relative));
        var html = await overview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("keeps its data in memory", html, StringComparison.Ordinal);
        Assert.Contains("No model has been promoted yet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewCampaignDryRun_SaysThatAudiencesNeedPostgreSql_WhenTheHostRunsInMemory()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var form = await browser.GetStringAsync(new Uri("console/login", UriKind.Relative));
        using var login = await browser.PostAsync(
            new Uri("console/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = _adminKey, ["__csrf"] = CsrfField().Match(form).Groups[1].Value }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var list = await browser.GetStringAsync(new Uri("console/campaigns", UriKind.Relative));
        Assert.Contains("No campaign yet.", list, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri("console/newcampaign", UriKind.Relative));
        using var dryRun = await browser.PostAsync(
            new Uri("console/newcampaign?handler=DryRun", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Audience"] = """{ "all": [ { "field": "band", "op": "eq", "value": "high" } ] }""",
                ["__csrf"] = CsrfField().Match(page).Groups[1].Value,
            }));
        var html = await dryRun.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, dryRun.StatusCode);
        Assert.Contains("a dry run needs the score projection in PostgreSQL", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
