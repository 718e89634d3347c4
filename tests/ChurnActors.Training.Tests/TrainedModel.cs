using ChurnActors.Domain.Scoring;
using Microsoft.ML;

namespace ChurnActors.Training.Tests;

/// <summary>A fitted ML.NET model, its exported snapshot, and ML.NET's predictions on held-out and training rows.</summary>
public sealed record TrainedModel(
    ITransformer Model,
    ModelSnapshot Snapshot,
    IDataView Training,
    IReadOnlyList<Prediction> HeldOut,
    IReadOnlyList<Prediction> TrainingPredictions);
