using System.Net;
using ChurnActors.Testing;
using static ChurnActors.Api.Tests.Json;

namespace ChurnActors.Api.Tests;

/// <summary>A request whose value PostgreSQL refuses is the caller's to fix: 400, not a 503 that invites retries.</summary>
public sealed class RefusedValueTests : IAsyncLifetime
{
    private const string AdminKey = "ak_refused_value_tests";
    private readonly PostgresDatabaseFixture _database = new();
    private EngineHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = await EngineHost.StartAsync(_database.ConnectionString, new Dictionary<string, string?> { ["ChurnActors:Admin:Keys:0"] = AdminKey });
        _admin = EngineHost.CreateClient(_host.BaseAddress, AdminKey);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task GetWakeUps_Answers400SayingToFixTheValue_WhenThePrefixHoldsANulCharacter()
    {
        using var response = await _admin.GetAsync(new Uri("v1/admin/wakeups?prefix=a%00b", UriKind.Relative));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("https://churnactors.dev/problems/refused", problem.GetProperty("type").GetString());
        Assert.Contains("Fix the value", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task GetWakeUps_KeepsAnswering_AfterARefusedValue()
    {
        using var refused = await _admin.GetAsync(new Uri("v1/admin/wakeups?prefix=a%00b", UriKind.Relative));
        using var after = await _admin.GetAsync(new Uri("v1/admin/wakeups?prefix=a", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
