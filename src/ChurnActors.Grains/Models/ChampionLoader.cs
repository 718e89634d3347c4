using ChurnActors.Abstractions;
using ChurnActors.Domain.Risk;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.Models;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Models;

/// <summary>
/// Takes part in the silo's start: before the silo joins the cluster it loads the registry's champion into
/// <see cref="ScoringModels"/>, so customers activated here score with the current version from their first
/// rescoring; once the silo is active it makes sure the coordinator's retraining reminder is scheduled.
/// </summary>
public sealed class ChampionLoader(
    IModelRegistry registry,
    ScoringModels models,
    IGrainFactory grains,
    ILogger<ChampionLoader> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(ChampionLoader), ServiceLifecycleStage.ApplicationServices, LoadChampionAsync);
        lifecycle.Subscribe(nameof(ChampionLoader) + ".Schedule", ServiceLifecycleStage.Active, ScheduleAsync);
    }

    /// <summary>Loads the champion, if there is one; a registry that cannot be read is logged, not fatal.</summary>
    public async Task LoadChampionAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await registry.ChampionAsync(cancellationToken).ConfigureAwait(false) is { Snapshot: { } snapshot })
            {
                models.UseTrained(new TrainedChurnModel(snapshot));
                ModelsLog.ChampionLoaded(logger, snapshot.Name, snapshot.Version);
            }
            else
            {
                ModelsLog.NoChampion(logger);
            }
        }
#pragma warning disable CA1031 // The silo still starts (with the configured model file or the lifetime fit).
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            ModelsLog.ChampionLoadFailed(logger, ex);
        }
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IModelCoordinatorGrain>(IModelCoordinatorGrain.ShopKey).EnsureScheduledAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Scheduling is retried at the next silo start; the silo serves meanwhile.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ModelsLog.ScheduleFailed(logger, ex);
        }
    }
}
