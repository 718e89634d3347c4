namespace ChurnActors.Training.Pipeline;

/// <summary>The time span a model learnt from and was evaluated on.</summary>
/// <param name="TrainingCutoffs">The training cut-offs, latest first.</param>
/// <param name="TrainingHorizonDays">Horizon of the training labels.</param>
/// <param name="EvaluationCutoff">The evaluation cut-off E: no training row sees an event at or after it.</param>
/// <param name="EvaluationHorizonDays">Horizon of the evaluation labels.</param>
/// <param name="EvaluationEnd">E plus the evaluation horizon.</param>
/// <param name="LogEnd">The latest event in the log when the model was trained.</param>
public sealed record TrainingWindow(
    IReadOnlyList<DateTimeOffset> TrainingCutoffs,
    double TrainingHorizonDays,
    DateTimeOffset EvaluationCutoff,
    double EvaluationHorizonDays,
    DateTimeOffset EvaluationEnd,
    DateTimeOffset? LogEnd);
