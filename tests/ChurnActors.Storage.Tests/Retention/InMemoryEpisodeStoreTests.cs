using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>The in-memory episode store keeps the contract of the PostgreSQL one, reading windows from the in-memory playbook store.</summary>
public sealed class InMemoryEpisodeStoreTests : EpisodeStoreContract
{
    private readonly InMemoryPlaybookStore _playbooks;

    public InMemoryEpisodeStoreTests()
    {
        _playbooks = new InMemoryPlaybookStore(TimeProvider.System);
        Episodes = new InMemoryEpisodeStore(_playbooks);
    }

    protected override IEpisodeStore Episodes { get; }

    protected override async Task ApplyWinBackAsync() => await _playbooks.ApplyAsync(Playbooks.WinBack(), default);

    protected override async Task ApplyWinBackWithAWeekWindowAsync() =>
        await _playbooks.ApplyAsync(Playbooks.WinBack() with { OutcomeWindowDays = 7 }, default);
}
