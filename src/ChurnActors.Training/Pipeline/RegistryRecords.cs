using ChurnActors.Storage.Models;

namespace ChurnActors.Training.Pipeline;

/// <summary>Turns a training run into the record the model registry stores (snapshot, window, evaluation).</summary>
public static class RegistryRecords
{
    /// <param name="result">The training run.</param>
    /// <param name="throughSequence">The event log sequence the run read up to, when known (the coordinator counts new events from it).</param>
    /// <param name="championVersion">The registry version of the champion scored in <see cref="TrainingResult.Champion"/>, if any.</param>
    public static ModelRegistration ToRegistration(this TrainingResult result, long? throughSequence = null, long? championVersion = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var window = result.Window;
        var evaluation = result.Evaluation;
        var model = evaluation.Model;
        var cutoffs = window.TrainingCutoffs;
        return new ModelRegistration(
            result.Snapshot,
            new Storage.Models.TrainingWindow
            {
                From = cutoffs.Count == 0 ? null : cutoffs.Min(),
                To = window.EvaluationCutoff,
                Cutoffs = cutoffs,
                ThroughSequence = throughSequence,
            },
            new ModelEvaluation
            {
                Rows = new EvaluationRows(window.EvaluationCutoff, (int)Math.Round(window.EvaluationHorizonDays), model.Rows),
                Auc = model.Auc,
                Brier = model.Brier,
                Ece = double.IsFinite(model.Ece) ? model.Ece : null,
                Metrics = Finite(new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    ["prAuc"] = model.PrAuc,
                    ["logLoss"] = model.LogLoss,
                    ["liftTopDecile"] = model.LiftTopDecile,
                    ["positives"] = model.Positives,
                    ["recency.auc"] = evaluation.Baselines.Recency.Auc,
                    ["recency.brier"] = evaluation.Baselines.Recency.Brier,
                    ["bgnbd.auc"] = evaluation.Baselines.BgNbd.Auc,
                    ["bgnbd.brier"] = evaluation.Baselines.BgNbd.Brier,
                    ["paretoNbd.auc"] = evaluation.Baselines.ParetoNbd.Auc,
                    ["paretoNbd.brier"] = evaluation.Baselines.ParetoNbd.Brier,
                    ["trainingRows"] = result.Rows.Training,
                    ["trainingSeconds"] = result.Timings.Total,
                }.WithCalibration(model.Calibration)),
                Champion = result.Champion is { } champion && championVersion is { } version
                    ? new ChampionComparison(version, champion.Auc, champion.Brier, double.IsFinite(champion.Ece) ? champion.Ece : null)
                    : null,
            });
    }

    /// <summary>
    /// The calibration bins as metrics <c>calibration.{bin}.predicted</c>, <c>.observed</c> and <c>.rows</c> (bin 0 is the
    /// lowest probabilities), which the console's calibration plot reads.
    /// </summary>
    private static Dictionary<string, double> WithCalibration(this Dictionary<string, double> metrics, IReadOnlyList<Evaluation.CalibrationBin> bins)
    {
        for (var i = 0; i < bins.Count; i++)
        {
            var prefix = "calibration." + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            metrics[prefix + ".predicted"] = bins[i].MeanPredicted;
            metrics[prefix + ".observed"] = bins[i].ObservedRate;
            metrics[prefix + ".rows"] = bins[i].Rows;
        }

        return metrics;
    }

    /// <summary>Drops undefined figures (an AUC on rows of one class), which JSON cannot carry.</summary>
    private static Dictionary<string, double> Finite(Dictionary<string, double> metrics)
    {
        foreach (var (name, value) in metrics)
        {
            if (!double.IsFinite(value))
            {
                metrics.Remove(name);
            }
        }

        return metrics;
    }
}
