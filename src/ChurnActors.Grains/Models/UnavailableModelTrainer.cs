using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Models;

/// <summary>
/// The trainer of a host that has none wired in: it trains nothing and says so, so the coordinator keeps the champion
/// (promotions through the admin API still push to every silo).
/// </summary>
public sealed class UnavailableModelTrainer(ILogger<UnavailableModelTrainer> logger) : IModelTrainer
{
    public Task<TrainedCandidate?> TrainAsync(TrainingRequest request, CancellationToken cancellationToken)
    {
        ModelsLog.NoTrainer(logger);
        return Task.FromResult<TrainedCandidate?>(null);
    }
}
