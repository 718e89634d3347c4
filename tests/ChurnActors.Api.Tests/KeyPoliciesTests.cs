using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

/// <summary>
/// The key scheme and its policies: a write key may only write, reading customers needs a read or an admin key, the
/// admin API an admin key; refusals are problems that name the key kind needed.
/// </summary>
public sealed class KeyPoliciesTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    private EngineHost Host => fixture.Host;

    [Fact]
    public async Task GetUser_Answers403NamingTheKeyKindNeeded_ToAWriteKey()
    {
        var user = await CustomerAsync();

        using var response = await Host.Client.GetAsync(new Uri("v1/users/" + user, UriKind.Relative));
        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("write key may only write", detail, StringComparison.Ordinal);
        Assert.Contains("read key (ChurnActors:Ingest:ReadKeys)", detail, StringComparison.Ordinal);
        Assert.Equal(["read", "admin"], problem.GetProperty("requiredKeyKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["write"], problem.GetProperty("keyKinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task GetUser_Answers200_ToAReadKeyAndToAnAdminKey()
    {
        var user = await CustomerAsync();
        using var admin = new HttpClient { BaseAddress = Host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InMemoryHostFixture.AdminKey);

        using var withReadKey = await Host.Reader.GetAsync(new Uri("v1/users/" + user, UriKind.Relative));
        using var withAdminKey = await admin.GetAsync(new Uri("v1/users/" + user, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, withReadKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        Assert.Equal(user, (await withAdminKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task GetUser_Answers401WithAChallengeThatSaysWhatToSend_WithoutAKeyOrWithAnUnknownOne()
    {
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, key: null);
        using var unknown = EngineHost.CreateClient(Host.BaseAddress, "not-a-key");

        using var missing = await anonymous.GetAsync(new Uri("v1/users/anyone", UriKind.Relative));
        using var wrong = await unknown.GetAsync(new Uri("v1/users/anyone", UriKind.Relative));

        var problem = await ProblemAsync(missing, HttpStatusCode.Unauthorized);
        Assert.Contains("HTTP Basic auth with the key as user name", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(missing.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(missing.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.StartsWith("Unknown key", (await ProblemAsync(wrong, HttpStatusCode.Unauthorized)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUser_Answers200ToAWriteKey_WhenTheHostLetsWriteKeysRead()
    {
        await using var open = await EngineHost.StartAsync(connectionString: null, new Dictionary<string, string?>
        {
            ["ChurnActors:Ingest:ReadRequiresReadKey"] = "false",
        });
        var user = "open-" + Id();
        using (var sent = await open.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(PageBatch(user))))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        await open.WaitForEventsAppliedAsync(user, 1);
        using var response = await open.Client.GetAsync(new Uri("v1/users/" + user, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_Answers403NamingTheAdminKey_ToAReadKey()
    {
        using var response = await Host.Reader.GetAsync(new Uri("v1/admin/metrics", UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("admin keys (ChurnActors:Admin:Keys)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["admin"], problem.GetProperty("requiredKeyKinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Batch_AcceptsTheWriteKeyInTheBody_WithoutAnAuthorizationHeader()
    {
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, key: null);
        var user = "body-" + Id();
        var body = $$$"""{"writeKey":"{{{Host.WriteKey}}}","batch":[{"type":"page","userId":"{{{user}}}","name":"Home","messageId":"{{{Id()}}}"}]}""";

        using var response = await anonymous.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await Host.WaitForEventsAppliedAsync(user, 1)).GetProperty("eventsApplied").GetInt64());
    }

    [Theory]
    [InlineData("GET", "v1/admin/memory?collect=true")]
    [InlineData("POST", "v1/admin/metrics/reset")]
    [InlineData("POST", "v1/admin/wakeups/advance?prefix=")]
    public async Task BenchmarkEndpoint_Answers404SayingHowToEnableIt_WhenBenchmarkEndpointsAreOff(string method, string path)
    {
        using var admin = EngineHost.CreateClient(Host.BaseAddress, InMemoryHostFixture.AdminKey);

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("ChurnActors:Admin:BenchmarkEndpoints=true", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminMemory_AnswersWithoutCollecting_WhenBenchmarkEndpointsAreOff()
    {
        using var admin = EngineHost.CreateClient(Host.BaseAddress, InMemoryHostFixture.AdminKey);

        var memory = await admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/memory", UriKind.Relative));

        Assert.False(memory.GetProperty("collected").GetBoolean());
        Assert.True(memory.GetProperty("gcHeapBytes").GetInt64() > 0);
    }

    private async Task<string> CustomerAsync()
    {
        var user = "key-" + Id();
        using (var sent = await Host.Client.PostAsync(new Uri("v1/batch", UriKind.Relative), Body(PageBatch(user))))
        {
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        await Host.WaitForEventsAppliedAsync(user, 1);
        return user;
    }

    private static string PageBatch(string user) =>
        $$$"""{"batch":[{"type":"page","userId":"{{{user}}}","name":"Home","messageId":"{{{Id()}}}"}]}""";

}
