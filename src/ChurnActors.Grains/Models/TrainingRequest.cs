using ChurnActors.Storage.Models;

namespace ChurnActors.Grains.Models;

/// <summary>What the coordinator asks a trainer for.</summary>
/// <param name="ThroughSequence">Train on the event log up to this sequence (the last one committed when asked).</param>
/// <param name="AsOf">The moment of the request (the latest possible cut-off).</param>
/// <param name="Champion">The current champion with its snapshot, if any: re-score it on the candidate's evaluation
/// rows (<see cref="ModelEvaluation.Champion"/>) so that the gate can compare the two on the same rows.</param>
public sealed record TrainingRequest(long ThroughSequence, DateTimeOffset AsOf, RegisteredModel? Champion);
