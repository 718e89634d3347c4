using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Api.Tests.Telemetry;

/// <summary>The Orleans dashboard at <c>/orleans</c>: admins only, by key or by the console's session.</summary>
public sealed partial class OrleansDashboardTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    [Fact]
    public async Task OrleansDashboard_Answers401WithABasicChallenge_WithoutAKey()
    {
        using var anonymous = EngineHost.CreateClient(fixture.Host.BaseAddress, key: null);

        using var response = await anonymous.GetAsync(new Uri("orleans/", UriKind.Relative));
        using var api = await anonymous.GetAsync(new Uri("orleans/ClusterStats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task OrleansDashboard_Answers403_ToAReadKey()
    {
        using var response = await fixture.Host.Reader.GetAsync(new Uri("orleans/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OrleansDashboard_ServesItsPageAndClusterStats_ToAnAdminKey()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, InMemoryHostFixture.AdminKey);

        using var page = await admin.GetAsync(new Uri("orleans/", UriKind.Relative));
        using var stats = await admin.GetAsync(new Uri("orleans/ClusterStats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }

    [Fact]
    public async Task OrleansDashboard_ServesItsPage_ToAnAdminLoggedIntoTheConsole()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var form = await browser.GetStringAsync(new Uri("console/login", UriKind.Relative));
        using var login = await browser.PostAsync(
            new Uri("console/login", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = InMemoryHostFixture.AdminKey, ["__csrf"] = CsrfField().Match(form).Groups[1].Value }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var overview = await browser.GetStringAsync(new Uri("console", UriKind.Relative));
        using var page = await browser.GetAsync(new Uri("orleans/", UriKind.Relative));

        Assert.Contains("href=\"/orleans/\"", overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void OrleansDashboard_LeavesGrainCallsUnfiltered_WhileItsProfilerIsOff()
    {
        // The default: no tracing, no profiler, so nothing sits between the delivery and the grain's method.
        Assert.Empty(fixture.Host.Services.GetServices<IIncomingGrainCallFilter>());
        Assert.Empty(fixture.Host.Services.GetServices<IOutgoingGrainCallFilter>());
    }

    [Fact]
    public async Task OrleansDashboard_ProfilesGrainCalls_WhenItsProfilerIsOn()
    {
        await using var host = await EngineHost.StartAsync(null, new Dictionary<string, string?>
        {
            ["ChurnActors:Telemetry:OrleansDashboardProfiler"] = "true",
        });

        var filter = Assert.Single(host.Services.GetServices<IIncomingGrainCallFilter>());
        Assert.Equal("GrainProfilerFilter", filter.GetType().Name);
    }

    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
