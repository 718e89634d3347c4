using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChurnActors.Testing;

namespace ChurnActors.Api.Tests;

/// <summary>The playbook admin API on an in-memory host (the demo's mode): the same answers, kept in process memory.</summary>
public sealed class PlaybooksInMemoryTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    [Fact]
    public async Task Put_StoresThePlaybookInMemory_AndGetShowsIt()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, InMemoryHostFixture.AdminKey);
        var json = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json"));
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var created = await admin.PutAsync(new Uri("v1/admin/playbooks/winback-high-value", UriKind.Relative), content);
        var shown = await admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/winback-high-value", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, shown.GetProperty("currentVersion").GetInt32());
        Assert.Equal("high", shown.GetProperty("definition").GetProperty("entry").GetProperty("to").GetString());
        Assert.Equal(0.1, shown.GetProperty("definition").GetProperty("steps")[1].GetProperty("action").GetProperty("coupon").GetProperty("shareOfClv").GetDouble());
    }

    [Fact]
    public async Task Results_ReportEveryVersionWithoutEpisodes_OnAnInMemoryHost()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, InMemoryHostFixture.AdminKey);
        var json = (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "examples", "winback-playbook.json")))
            .Replace("\"id\": \"winback-high-value\"", "\"id\": \"results-in-memory\"", StringComparison.Ordinal);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var created = await admin.PutAsync(new Uri("v1/admin/playbooks/results-in-memory", UriKind.Relative), content);

        var results = await admin.GetFromJsonAsync<JsonElement>(new Uri("v1/admin/playbooks/results-in-memory/results", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var version = Assert.Single(results.GetProperty("versions").EnumerateArray().ToList());
        Assert.Equal(30, version.GetProperty("outcomeWindowDays").GetInt32());
        Assert.Equal(0, version.GetProperty("treatment").GetProperty("customers").GetInt64());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("lift").GetProperty("absolute").ValueKind);
    }
}
