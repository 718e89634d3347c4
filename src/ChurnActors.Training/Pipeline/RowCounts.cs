namespace ChurnActors.Training.Pipeline;

/// <summary>How many rows each part of a run had, and their churn rates.</summary>
/// <param name="Customers">Customers replayed.</param>
/// <param name="Events">Events read.</param>
/// <param name="Training">Rows the candidates trained on.</param>
/// <param name="Validation">Training-period rows held out (by customer) to pick the winner.</param>
/// <param name="Evaluation">Rows at the evaluation cut-off.</param>
/// <param name="TrainingChurnRate">Churn rate of the training and validation rows.</param>
/// <param name="EvaluationChurnRate">Churn rate of the evaluation rows.</param>
public sealed record RowCounts(long Customers, long Events, long Training, long Validation, long Evaluation, double TrainingChurnRate, double EvaluationChurnRate);
