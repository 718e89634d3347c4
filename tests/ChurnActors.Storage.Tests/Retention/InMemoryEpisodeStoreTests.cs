using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>The in-memory episode store keeps the contract of the PostgreSQL one.</summary>
public sealed class InMemoryEpisodeStoreTests : EpisodeStoreContract
{
    protected override IEpisodeStore Episodes { get; } = new InMemoryEpisodeStore();

    protected override Task ApplyWinBackAsync() => Task.CompletedTask;
}
