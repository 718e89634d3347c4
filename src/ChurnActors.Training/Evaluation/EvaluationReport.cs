using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Training.Evaluation;

/// <summary>A model's metrics on the evaluation rows beside the baselines' on the same rows, and how the baselines were set up.</summary>
/// <param name="Cutoff">The evaluation cut-off.</param>
/// <param name="HorizonDays">The evaluation horizon in days.</param>
/// <param name="Model">The model (scored by the exported snapshot, as the engine scores).</param>
/// <param name="Baselines">Recency, BG/NBD and Pareto/NBD.</param>
/// <param name="BgNbd">The BG/NBD parameters of the baseline (time in days).</param>
/// <param name="ParetoNbd">The Pareto/NBD parameters of the baseline (time in days).</param>
/// <param name="Recency">The recency baseline's probability mapping.</param>
public sealed record EvaluationReport(
    DateTimeOffset Cutoff,
    double HorizonDays,
    MetricSet Model,
    BaselineReport Baselines,
    BgNbdParameters BgNbd,
    ParetoNbdParameters ParetoNbd,
    OneFeatureLogistic Recency);
