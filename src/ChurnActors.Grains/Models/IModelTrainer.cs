namespace ChurnActors.Grains.Models;

/// <summary>
/// The seam through which the <see cref="ModelCoordinatorGrain"/> retrains: build training rows from the event log,
/// fit, evaluate on held-out rows (the champion too, on the same rows) and export a snapshot.
/// </summary>
public interface IModelTrainer
{
    /// <summary>A trained candidate, or null when there is too little data to train (the trainer logs why).</summary>
    Task<TrainedCandidate?> TrainAsync(TrainingRequest request, CancellationToken cancellationToken);
}
