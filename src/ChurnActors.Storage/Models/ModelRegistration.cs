using ChurnActors.Domain.Scoring;

namespace ChurnActors.Storage.Models;

/// <summary>A snapshot to register, with where it came from and how it did.</summary>
/// <param name="Snapshot">The snapshot; the registry replaces its Version with the registry's version number.</param>
/// <param name="Training">What it was trained on.</param>
/// <param name="Evaluation">How it did on held-out rows.</param>
public sealed record ModelRegistration(ModelSnapshot Snapshot, TrainingWindow Training, ModelEvaluation Evaluation);
