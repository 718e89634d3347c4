using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>The in-memory playbook store keeps the contract of the PostgreSQL one.</summary>
public sealed class InMemoryPlaybookStoreTests : PlaybookStoreContract
{
    protected override IPlaybookStore Store { get; } = new InMemoryPlaybookStore(TimeProvider.System);
}
