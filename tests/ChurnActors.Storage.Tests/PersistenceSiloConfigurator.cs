using Orleans.TestingHost;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// Registers two ADO.NET grain storages on the test database: <see cref="StorageName"/> keeps cleared
/// rows (payload nulled, version bumped) and <see cref="DeletingStorageName"/> deletes them.
/// The Npgsql factory needs no registration: the provider loads the "Npgsql" assembly by name.
/// </summary>
public sealed class PersistenceSiloConfigurator : ISiloConfigurator
{
    /// <summary>Cluster property carrying the test database connection string.</summary>
    public const string ConnectionStringProperty = "ChurnActorsTests:GrainStorageConnectionString";

    public const string StorageName = "test";

    public const string DeletingStorageName = "test-delete";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringProperty]
            ?? throw new InvalidOperationException($"The test cluster was built without '{ConnectionStringProperty}'.");

        siloBuilder.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(DeletingStorageName, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = true;
        });
    }
}
