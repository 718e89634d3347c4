using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>
/// <c>/v1/admin/playbooks</c> on a host over PostgreSQL: admin keys only, apply with versions (201, then 200 with a new
/// version, then 200 unchanged), every validation problem in one 400, disable, and delete that hides but keeps versions.
/// Each test uses its own playbook ids.
/// </summary>
public sealed class PlaybooksAdminApiTests(ModelsAdminApiFixture fixture) : IClassFixture<ModelsAdminApiFixture>
{
    private static readonly string Example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"));

    private EngineHost Host => fixture.Host;

    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task Put_Creates_ThenVersions_ThenLeavesAnIdenticalDefinitionUnchanged()
    {
        using var created = await PutAsync("winback-a", Playbook("winback-a"));
        using var edited = await PutAsync("winback-a", Playbook("winback-a").Replace("\"priority\": 10", "\"priority\": 20", StringComparison.Ordinal));
        using var same = await PutAsync("winback-a", Playbook("winback-a").Replace("\"priority\": 10", "\"priority\": 20", StringComparison.Ordinal));
        var shown = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/winback-a", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/admin/playbooks/winback-a", created.Headers.Location?.OriginalString);
        Assert.Equal("created", await OutcomeAsync(created));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("versioned", await OutcomeAsync(edited));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("unchanged", await OutcomeAsync(same));
        Assert.Equal(2, shown.GetProperty("currentVersion").GetInt32());
        Assert.Equal(20, shown.GetProperty("definition").GetProperty("priority").GetInt32());
        var versions = shown.GetProperty("versions");
        Assert.Equal([1, 2], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(10, versions[0].GetProperty("definition").GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Put_Answers400NamingTheStep_WhenItsEndpointIsNotConfigured()
    {
        var unknown = Playbook("winback-g").Replace("\"endpoint\": \"sms-gateway\"", "\"endpoint\": \"pager\"", StringComparison.Ordinal);

        using var response = await PutAsync("winback-g", unknown);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var after = await Admin.GetAsync(new Uri("v1/admin/playbooks/winback-g", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("steps[2].action.endpoint", error.GetProperty("path").GetString());
        Assert.Contains("no webhook endpoint named 'pager' on this engine (configured: crm, sms-gateway)", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ChurnActors:Retention:Endpoints:pager:Url", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Put_Answers400ListingEveryProblem_WhenTheDefinitionIsInvalid()
    {
        var invalid = Playbook("winback-b")
            .Replace("\"delay\": \"3d\"", "\"delay\": \"3x\"", StringComparison.Ordinal)
            .Replace("\"holdout\": 0.1", "\"holdout\": 0.9", StringComparison.Ordinal);

        using var response = await PutAsync("winback-b", invalid);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var after = await Admin.GetAsync(new Uri("v1/admin/playbooks/winback-b", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://churnactors.dev/problems/invalid-playbook", problem.GetProperty("type").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("path").GetString()}: {e.GetProperty("detail").GetString()}").ToList();
        Assert.Equal(
            [
                "steps[1].delay: '3x' is not a duration; use e.g. 0, 30m, 12h, 3d",
                "holdout: is 0.9; expected a share between 0 and 0.5, e.g. 0.1 for 10%",
            ],
            errors);
        Assert.StartsWith("The playbook was not applied: 2 problems.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Put_Answers400_WhenThePathAndTheBodyNameDifferentPlaybooks()
    {
        using var response = await PutAsync("winback-c", Playbook("winback-other"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal("id", error.GetProperty("path").GetString());
        Assert.Contains("differs from the id in the path ('winback-c')", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaybooksApi_Answers401WithoutAKey_And403ToAWriteKey()
    {
        using var anonymous = EngineHost.CreateClient(Host.BaseAddress, key: null);
        using var withoutKey = await anonymous.GetAsync(new Uri("v1/admin/playbooks", UriKind.Relative));
        using var content = new StringContent(Playbook("winback-d"), Encoding.UTF8, "application/json");
        using var withWriteKey = await Host.Client.PutAsync(new Uri("v1/admin/playbooks/winback-d", UriKind.Relative), content);
        using var after = await Admin.GetAsync(new Uri("v1/admin/playbooks/winback-d", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withWriteKey.StatusCode);
        Assert.Equal("application/problem+json", withWriteKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Disable_TurnsThePlaybookOff_AndTheListingShowsIt()
    {
        using var created = await PutAsync("winback-e", Playbook("winback-e"));

        using var disabled = await Admin.PostAsync(new Uri("v1/admin/playbooks/winback-e/disable", UriKind.Relative), null);
        var body = await disabled.Content.ReadFromJsonAsync<JsonElement>();
        var listing = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks", UriKind.Relative));
        using var unknown = await Admin.PostAsync(new Uri("v1/admin/playbooks/no-such/disable", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False(body.GetProperty("enabled").GetBoolean());
        Assert.False(body.GetProperty("definition").GetProperty("enabled").GetBoolean());
        var listed = listing.GetProperty("playbooks").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "winback-e");
        Assert.False(listed.GetProperty("enabled").GetBoolean());
        Assert.Equal("low|medium -> high", listed.GetProperty("entry").GetString());
        Assert.Equal(3, listed.GetProperty("steps").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Delete_HidesThePlaybook_AndApplyingItAgainContinuesItsVersions()
    {
        using var created = await PutAsync("winback-f", Playbook("winback-f"));

        using var deleted = await Admin.DeleteAsync(new Uri("v1/admin/playbooks/winback-f", UriKind.Relative));
        using var afterDelete = await Admin.GetAsync(new Uri("v1/admin/playbooks/winback-f", UriKind.Relative));
        using var deletedAgain = await Admin.DeleteAsync(new Uri("v1/admin/playbooks/winback-f", UriKind.Relative));
        var listing = await Admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks", UriKind.Relative));
        using var back = await PutAsync("winback-f", Playbook("winback-f").Replace("\"priority\": 10", "\"priority\": 11", StringComparison.Ordinal));
        var backBody = await back.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
        Assert.Contains("There is no playbook 'winback-f'", (await afterDelete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        Assert.DoesNotContain(listing.GetProperty("playbooks").EnumerateArray(), p => p.GetProperty("id").GetString() == "winback-f");
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        Assert.Equal(2, backBody.GetProperty("playbook").GetProperty("currentVersion").GetInt32());
    }

    private static string Playbook(string id) =>
        Example.Replace("\"id\": \"winback-high-value\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);

    private static async Task<string?> OutcomeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString();

    private async Task<HttpResponseMessage> PutAsync(string id, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Admin.PutAsync(new Uri($"v1/admin/playbooks/{id}", UriKind.Relative), content);
    }
}
