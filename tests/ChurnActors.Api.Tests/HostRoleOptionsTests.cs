using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Retention;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChurnActors.Api.Tests;

/// <summary><c>ChurnActors:Role</c>: which roles the host accepts, and what the api role composes.</summary>
public sealed class HostRoleOptionsTests
{
    private const string ConnectionString = "Host=127.0.0.1;Username=churnactors;Password=churnactors;Database=churnactors_unused";

    [Theory]
    [InlineData("worker")]
    [InlineData("api-only")]
    [InlineData("")]
    public void Build_RefusesNamingTheAllowedRoles_WhenTheRoleIsUnknown(string role)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>
        {
            ["ChurnActors:Role"] = role,
            ["ChurnActors:Storage:Mode"] = nameof(StorageMode.InMemory),
        }));

        Assert.Contains($"ChurnActors:Role must be \"silo\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("or \"api\"", error.Message, StringComparison.Ordinal);
        Assert.Contains($"it is \"{role}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RefusesTheApiRole_WhenStorageIsInMemory()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new Dictionary<string, string?>
        {
            ["ChurnActors:Role"] = "api",
            ["ChurnActors:Storage:Mode"] = nameof(StorageMode.InMemory),
        }));

        Assert.Contains("ChurnActors:Role=api finds the silos in the PostgreSQL membership table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ComposesAClientWithoutSiloServices_WhenTheRoleIsApi()
    {
        await using var app = Build(new Dictionary<string, string?>
        {
            ["ChurnActors:Role"] = "API",
            ["ConnectionStrings:ChurnActors"] = ConnectionString,
        });

        // The grains are reached through a client; no silo runs here (checked without creating the client, which is
        // only ever started by the host).
        var registered = app.Services.GetRequiredService<IServiceProviderIsService>();
        Assert.True(registered.IsService(typeof(IClusterClient)));
        Assert.False(registered.IsService(typeof(ILocalSiloDetails)));

        // Only the connection starts with the host: the dispatcher, recovery and the delivery server wait for it;
        // grain-tier work never runs.
        var hosted = app.Services.GetServices<IHostedService>().ToList();
        Assert.Contains(hosted, s => s is ClusterClientConnection);
        Assert.DoesNotContain(hosted, s => s is GrainDispatcher or CheckpointService or WakeUpSweeper or LifetimeFitService or RetentionStepRunner);
        Assert.Equal(3, app.Services.GetServices<ClusterDependentService>().Count());
    }

    [Fact]
    public async Task Build_HostsASilo_WhenTheRoleIsUnset()
    {
        await using var app = Build(new Dictionary<string, string?> { ["ChurnActors:Storage:Mode"] = nameof(StorageMode.InMemory) });

        Assert.NotNull(app.Services.GetService<ILocalSiloDetails>());
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is GrainDispatcher);
    }

    /// <summary>The host composed (nothing started) with <paramref name="settings"/> on top.</summary>
    private static WebApplication Build(Dictionary<string, string?> settings) =>
        ChurnActorsApp.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
}
