using ChurnActors.Domain.Scoring;
using ChurnActors.Storage.Models;

namespace ChurnActors.Grains.Models;

/// <summary>A freshly trained model, what it was trained on and how it (and the champion, on the same rows) did.</summary>
public sealed record TrainedCandidate(ModelSnapshot Snapshot, TrainingWindow Training, ModelEvaluation Evaluation);
