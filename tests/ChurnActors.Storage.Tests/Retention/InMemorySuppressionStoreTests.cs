using ChurnActors.Storage.Retention;

namespace ChurnActors.Storage.Tests.Retention;

/// <summary>The in-memory suppression list keeps the contract of the PostgreSQL one.</summary>
public sealed class InMemorySuppressionStoreTests : SuppressionStoreContract
{
    protected override ISuppressionStore Store { get; } = new InMemorySuppressionStore(TimeProvider.System);
}
