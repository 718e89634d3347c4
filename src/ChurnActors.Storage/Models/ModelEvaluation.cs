using System.Text.Json.Serialization;

namespace ChurnActors.Storage.Models;

/// <summary>
/// How a model did on held-out rows: the figures the promotion gate compares (ROC AUC, higher is better; Brier score
/// and expected calibration error, lower is better), any further metrics by name, and which rows they were computed on.
/// </summary>
public sealed record ModelEvaluation
{
    /// <summary>The evaluation rows' identity.</summary>
    public required EvaluationRows Rows { get; init; }

    /// <summary>ROC AUC on <see cref="Rows"/>.</summary>
    public required double Auc { get; init; }

    /// <summary>Brier score (mean squared error of the probability) on <see cref="Rows"/>.</summary>
    public required double Brier { get; init; }

    /// <summary>
    /// Expected calibration error on <see cref="Rows"/> (10 equal-width bins, weighted by rows; lower is better); null
    /// for evaluations that did not compute it, which the gate's calibration rule then cannot check.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Ece { get; init; }

    /// <summary>Further metrics (log loss, PR AUC, lift at the top decile, ...), by name.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The champion of the day scored on the same rows, when the trainer did so.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ChampionComparison? Champion { get; init; }
}
