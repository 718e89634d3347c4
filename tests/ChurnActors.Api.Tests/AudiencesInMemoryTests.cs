using System.Net;

namespace ChurnActors.Api.Tests;

/// <summary>An in-memory host has no score projection to evaluate audiences over, and says so.</summary>
public sealed class AudiencesInMemoryTests(InMemoryHostFixture fixture) : IClassFixture<InMemoryHostFixture>
{
    [Fact]
    public async Task Preview_Answers501SayingToUsePostgreSql_InMemory()
    {
        using var admin = EngineHost.CreateClient(fixture.Host.BaseAddress, InMemoryHostFixture.AdminKey);

        using var response = await admin.PostAsync("/v1/admin/audiences/preview", Json.Body("""{"filter":{"all":[{"field":"band","op":"eq","value":"high"}]}}"""));
        var problem = await Json.ProblemAsync(response, HttpStatusCode.NotImplemented);

        Assert.Contains("PostgreSQL", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
