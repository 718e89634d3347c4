using System.Text.Json.Serialization;

namespace ChurnActors.Training.Evaluation;

/// <summary>The baselines' metrics on the same rows as the model.</summary>
/// <param name="Recency">Days since the last order; probabilities from a logistic fit of ln(1 + days) on the training rows.</param>
/// <param name="BgNbd">
/// BG/NBD fitted on the orders before the evaluation cut-off: ranked by the expected purchases in the horizon (fewer:
/// more likely churned), probabilities P(no purchase in the horizon).
/// </param>
/// <param name="ParetoNbd">Pareto/NBD, fitted and used as <paramref name="BgNbd"/>.</param>
public sealed record BaselineReport(
    MetricSet Recency,
    [property: JsonPropertyName("bgnbd")] MetricSet BgNbd,
    [property: JsonPropertyName("paretoNbd")] MetricSet ParetoNbd);
