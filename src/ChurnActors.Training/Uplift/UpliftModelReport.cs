namespace ChurnActors.Training.Uplift;

/// <summary>The held-out evaluation of a two-model uplift learner.</summary>
/// <param name="Learner">The learner of both models.</param>
/// <param name="TrainRows">Rows the models were trained on (treated + control).</param>
/// <param name="TestRows">Rows the metrics were computed on.</param>
/// <param name="TestTreated">Treated rows among <paramref name="TestRows"/>.</param>
/// <param name="Qini">The Qini coefficient (sklift <c>qini_auc_score</c>).</param>
/// <param name="Auuc">The normalised area under the uplift curve (sklift <c>uplift_auc_score</c>).</param>
/// <param name="K">The share of customers of <paramref name="UpliftAtK"/>.</param>
/// <param name="UpliftAtK">Treated − control response rate in the top k by score (sklift <c>uplift_at_k</c>, 'overall').</param>
/// <param name="TestLift">Treated − control response rate over all test rows, the figure targeting by score competes with.</param>
public sealed record UpliftModelReport(
    string Learner, int TrainRows, int TestRows, int TestTreated, double Qini, double Auuc, double K, double UpliftAtK, double TestLift);
