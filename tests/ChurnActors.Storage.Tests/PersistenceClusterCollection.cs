namespace ChurnActors.Storage.Tests;

/// <summary>Tests sharing one Orleans cluster backed by one PostgreSQL test database.</summary>
[CollectionDefinition(Name)]
public sealed class PersistenceClusterCollection : ICollectionFixture<PersistenceClusterFixture>
{
    public const string Name = "Orleans grain persistence on PostgreSQL";
}
