using Orleans.Concurrency;

namespace ChurnActors.Abstractions;

/// <summary>
/// The shop's one model coordinator: on a reminder it retrains when enough new events have arrived, registers the
/// candidate, promotes it through the gate and pushes the champion to every silo; it also pushes on request, after a
/// promotion or rollback through the admin API or CLI.
/// </summary>
[Alias("ChurnActors.IModelCoordinatorGrain")]
public interface IModelCoordinatorGrain : IGrainWithStringKey
{
    /// <summary>The key of the shop's coordinator (there is one).</summary>
    const string ShopKey = "shop";

    /// <summary>Registers (or re-registers with the configured period) the retraining reminder.</summary>
    [Alias("EnsureScheduled"), AlwaysInterleave]
    Task EnsureScheduledAsync();

    /// <summary>What the reminder does: retrain, register, promote and push if enough new events arrived.</summary>
    [Alias("RetrainIfDue")]
    Task<RetrainOutcome> RetrainIfDueAsync();

    /// <summary>Reads the registry's champion and pushes it to every active silo.</summary>
    [Alias("PublishChampion"), AlwaysInterleave]
    Task<ModelPushReport> PublishChampionAsync();
}
