using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace ChurnActors.Storage.Tests;

/// <summary>A one-silo Orleans test cluster whose grain storage is a freshly migrated PostgreSQL database.</summary>
public sealed class PersistenceClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    /// <summary>The database behind the cluster's grain storage.</summary>
    public PostgresDatabaseFixture Database { get; } = new();

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The _cluster has not been started.");

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    /// <summary>Resolves a named grain storage from the silo, to drive it the way a grain's state does.</summary>
    public IGrainStorage GetSiloGrainStorage(string name)
    {
        var silo = Cluster.Primary as InProcessSiloHandle
            ?? throw new InvalidOperationException("The test cluster silo is not in process.");
        return silo.ServiceProvider.GetRequiredKeyedService<IGrainStorage>(name);
    }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();

        var builder = new TestClusterBuilder(1);
        builder.Properties[PersistenceSiloConfigurator.ConnectionStringProperty] = Database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PersistenceSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
