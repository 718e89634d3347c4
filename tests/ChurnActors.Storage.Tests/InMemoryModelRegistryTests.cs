using ChurnActors.Storage.Models;
using static ChurnActors.Testing.ModelRegistrations;

namespace ChurnActors.Storage.Tests;

/// <summary>The registry of <c>--in-memory</c> hosts keeps the same rules as the PostgreSQL one.</summary>
public sealed class InMemoryModelRegistryTests
{
    private readonly InMemoryModelRegistry _registry = new(TimeProvider.System);

    [Fact]
    public async Task PromoteAsync_RefusesAWorseCandidate_NamingBothFigures()
    {
        var champion = await _registry.RegisterAsync(Registration(0.80, 0.15), default);
        await _registry.PromoteAsync(champion.Version, force: false, "test", default);
        var worse = await _registry.RegisterAsync(Registration(0.79, 0.15), default);

        var refused = await Assert.ThrowsAsync<ModelRegistryException>(() => _registry.PromoteAsync(worse.Version, force: false, "test", default));

        Assert.Equal(ModelRegistryError.GateRefused, refused.Error);
        Assert.Contains("AUC 0.790000 is below the champion's 0.800000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(champion.Version, (await _registry.ChampionAsync(default))!.Version);
    }

    [Fact]
    public async Task RollbackAsync_ReturnsToThePreviousChampion()
    {
        var first = await _registry.RegisterAsync(Registration(0.80, 0.15), default);
        var second = await _registry.RegisterAsync(Registration(0.85, 0.12), default);
        await _registry.PromoteAsync(first.Version, force: false, "test", default);
        await _registry.PromoteAsync(second.Version, force: false, "test", default);

        var back = await _registry.RollbackAsync("test", default);

        Assert.Equal((first.Version, second.Version), (back.Version, back.PreviousChampion!.Value));
        Assert.Equal(first.Version, (await _registry.ChampionAsync(default))!.Version);
        Assert.Equal(ModelStatus.Retired, (await _registry.GetAsync(second.Version, default))!.Status);
        await Assert.ThrowsAsync<ModelRegistryException>(() => _registry.RollbackAsync("test", default));
    }
}
