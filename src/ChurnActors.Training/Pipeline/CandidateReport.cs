using ChurnActors.Training.Evaluation;

namespace ChurnActors.Training.Pipeline;

/// <summary>One candidate learner's metrics on the validation rows, and whether it won.</summary>
/// <param name="Learner">"lightgbm" or "logistic-regression".</param>
/// <param name="Validation">Its metrics on the validation rows (null when the validation rows lack an outcome).</param>
/// <param name="Chosen">True for the exported model.</param>
/// <param name="TrainingSeconds">Time to train and export it.</param>
/// <param name="Rows">Rows it trained on (a sample of whole customers when the training rows are many).</param>
public sealed record CandidateReport(string Learner, MetricSet? Validation, bool Chosen, double TrainingSeconds, long Rows);
