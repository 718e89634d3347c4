using ChurnActors.Abstractions;
using ChurnActors.Testing;

namespace ChurnActors.Grains.Tests.Models;

/// <summary>
/// A push while one silo fails every push: the healthy silos take the new version without waiting for the failing one,
/// which is retried, then reported. A cluster of its own, since it adds a failing silo.
/// </summary>
public sealed class ModelPushFailureTests(ModelPushClusterFixture fixture) : IClassFixture<ModelPushClusterFixture>
{
    [Fact]
    public async Task PublishChampionAsync_ReachesTheHealthySilos_WhileThePushToAFailingSiloIsRetried()
    {
        var coordinator = fixture.Grains.GetGrain<IModelCoordinatorGrain>(IModelCoordinatorGrain.ShopKey);
        var customers = await ModelPushSteps.CustomersOnEverySiloAsync(fixture, perSilo: 1);
        await ModelPushSteps.PromoteAsync(fixture, slope: 0.10, bias: -4);
        await coordinator.PublishChampionAsync();
        var failing = await fixture.StartRefusingSiloAsync();
        try
        {
            await PushWhileOneSiloFailsAsync(coordinator, customers, failing);
        }
        finally
        {
            await fixture.Cluster.StopSiloAsync(failing);
        }
    }

    private async Task PushWhileOneSiloFailsAsync(IModelCoordinatorGrain coordinator, List<IUserGrain> customers, Orleans.TestingHost.SiloHandle failing)
    {
        var next = await ModelPushSteps.PromoteAsync(fixture, slope: 0.12, bias: -5);

        var push = coordinator.PublishChampionAsync();
        await Eventually.WaitAsync(
            async () => (await ModelPushSteps.VersionsAsync(customers)).All(v => v == ModelPushSteps.Version(next)),
            TimeSpan.FromSeconds(10),
            () => $"the healthy silos' customers scoring with version {next.Version} while the failing silo's push is retried");
        var report = await push;

        var refused = Assert.Single(report.Silos, s => s.Silo == failing.SiloAddress.ToParsableString());
        Assert.False(refused.Succeeded);
        Assert.Equal(3, refused.Attempts);
        Assert.Contains("refuses model pushes", refused.Error, StringComparison.Ordinal);
        Assert.All(report.Silos.Where(s => s != refused), s => Assert.True(s.Succeeded));
        Assert.All(report.Silos.Where(s => s != refused), s => Assert.True(s.Elapsed < refused.Elapsed));
    }
}
