using System.Text.Json.Serialization;

namespace ChurnActors.Training.Evaluation;

/// <summary>The baselines' metrics on the same rows as the model.</summary>
/// <param name="Recency">Days since the last order; probabilities from a logistic fit of ln(1 + days) on the training rows.</param>
/// <param name="BgNbd">1 - P(alive) under BG/NBD fitted on the orders before the evaluation cut-off, used as is.</param>
public sealed record BaselineReport(MetricSet Recency, [property: JsonPropertyName("bgnbd")] MetricSet BgNbd);
