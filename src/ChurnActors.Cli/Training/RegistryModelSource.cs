using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Models;
using Npgsql;

namespace ChurnActors.Cli.Training;

/// <summary>A version in the model registry (PostgreSQL), for <c>evaluate --model VERSION</c>.</summary>
internal sealed class RegistryModelSource(long version, string connectionString) : IModelSource
{
    public string Description => $"registry version {version}";

    public async Task<ModelSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var registry = new PostgresModelRegistry(dataSource, TimeProvider.System);
        RegisteredModel? model;
        try
        {
            model = await registry.GetAsync(version, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new IOException($"the model registry could not be read: {ex.Message}", ex);
        }

        return model?.Snapshot
            ?? throw new InvalidModelSnapshotException($"the registry has no version {version} (churnactors models list shows what it has)");
    }
}
