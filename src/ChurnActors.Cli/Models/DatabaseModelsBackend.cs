using ChurnActors.Storage.Models;
using Npgsql;

namespace ChurnActors.Cli.Models;

/// <summary>
/// The registry straight in PostgreSQL. Nothing is pushed: running silos take a new champion at the coordinator's
/// next reminder tick (or when they restart); <c>--url</c> pushes at once.
/// </summary>
internal sealed class DatabaseModelsBackend(string connectionString, string description) : IModelsBackend
{
    public const string Actor = "cli";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public string Describe => description;

    private PostgresModelRegistry Registry => new(_dataSource, TimeProvider.System);

    public async Task<ModelListing> ListAsync(CancellationToken cancellationToken)
    {
        var models = await Registry.ListAsync(cancellationToken).ConfigureAwait(false);
        return new ModelListing(models.FirstOrDefault(m => m.Status == ModelStatus.Champion)?.Version, models);
    }

    public Task<PromotionOutcome> PromoteAsync(long version, bool force, CancellationToken cancellationToken) =>
        ChangeAsync(() => Registry.PromoteAsync(version, force, Actor, cancellationToken));

    public Task<PromotionOutcome> RollbackAsync(CancellationToken cancellationToken) =>
        ChangeAsync(() => Registry.RollbackAsync(Actor, cancellationToken));

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static async Task<PromotionOutcome> ChangeAsync(Func<Task<PromotionRecord>> change)
    {
        try
        {
            return new PromotionOutcome(await change().ConfigureAwait(false), null);
        }
        catch (ModelRegistryException ex)
        {
            throw new ModelsCommandException(ex.Message, ex);
        }
    }
}
