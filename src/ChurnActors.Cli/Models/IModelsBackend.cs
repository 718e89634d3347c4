using ChurnActors.Storage.Models;

namespace ChurnActors.Cli.Models;

/// <summary>Where the <c>models</c> commands act: a running host's admin API, or the registry in the database.</summary>
internal interface IModelsBackend : IAsyncDisposable
{
    /// <summary>Where, in words (no secrets).</summary>
    string Describe { get; }

    Task<ModelListing> ListAsync(CancellationToken cancellationToken);

    Task<PromotionOutcome> PromoteAsync(long version, bool force, CancellationToken cancellationToken);

    Task<PromotionOutcome> RollbackAsync(CancellationToken cancellationToken);
}
