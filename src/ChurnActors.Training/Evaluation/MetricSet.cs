namespace ChurnActors.Training.Evaluation;

/// <summary>How well one scorer separates churned from retained customers on one set of rows (positive: churned).</summary>
/// <param name="Rows">Rows evaluated.</param>
/// <param name="Positives">Rows that churned.</param>
/// <param name="Auc">Area under the ROC curve, ties counted half (NaN when one class is absent).</param>
/// <param name="PrAuc">Area under the precision-recall curve as average precision.</param>
/// <param name="LogLoss">Mean negative log-likelihood of the probabilities (natural log, clipped to [1e-15, 1 - 1e-15]).</param>
/// <param name="Brier">Mean squared difference between probability and outcome.</param>
/// <param name="LiftTopDecile">Churn rate among the 10 % highest scores over the overall churn rate.</param>
/// <param name="Calibration">Ten equal-width bins of predicted probability with the observed churn rate.</param>
/// <param name="Ece">
/// Expected calibration error: over the ten <paramref name="Calibration"/> bins, the row-weighted mean of
/// |mean predicted − observed churn rate| (0 for a perfectly calibrated scorer).
/// </param>
public sealed record MetricSet(
    long Rows,
    long Positives,
    double Auc,
    double PrAuc,
    double LogLoss,
    double Brier,
    double LiftTopDecile,
    IReadOnlyList<CalibrationBin> Calibration,
    double Ece);
