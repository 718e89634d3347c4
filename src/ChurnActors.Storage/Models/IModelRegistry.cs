namespace ChurnActors.Storage.Models;

/// <summary>
/// The model registry: every registered snapshot with its training window, features and evaluation; the champion;
/// promotion through the <see cref="PromotionGate"/> and rollback to the champion before. Refusals throw
/// <see cref="ModelRegistryException"/> with a message that says why.
/// </summary>
public interface IModelRegistry
{
    /// <summary>Registers a candidate under the next version number (which becomes its snapshot's Version).</summary>
    Task<RegisteredModel> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken);

    /// <summary>Every version, newest first, without snapshots (<see cref="RegisteredModel.Snapshot"/> is null).</summary>
    Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One version with its snapshot, or null.</summary>
    Task<RegisteredModel?> GetAsync(long version, CancellationToken cancellationToken);

    /// <summary>The champion with its snapshot, or null when none has been promoted.</summary>
    Task<RegisteredModel?> ChampionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="version"/> the champion if the gate lets it (or <paramref name="force"/> overrides the gate,
    /// which is recorded). Promoting the champion again changes nothing.
    /// </summary>
    Task<PromotionRecord> PromoteAsync(long version, bool force, string actor, CancellationToken cancellationToken);

    /// <summary>Retires the champion and makes the champion it replaced the champion again.</summary>
    Task<PromotionRecord> RollbackAsync(string actor, CancellationToken cancellationToken);

    /// <summary>Every change of champion, newest first.</summary>
    Task<IReadOnlyList<PromotionRecord>> HistoryAsync(CancellationToken cancellationToken);

    /// <summary>The highest event log sequence any registered model was trained through (null if none says).</summary>
    Task<long?> LastTrainedSequenceAsync(CancellationToken cancellationToken);
}
