using System.Globalization;
using ChurnActors.Silo.Console.Charts;
using ChurnActors.Storage.Models;

namespace ChurnActors.Silo.Console.Data;

/// <summary>What the console shows of a registered model: its figures and the calibration bins its evaluation recorded.</summary>
public static class ModelSummary
{
    /// <summary>
    /// The calibration bins of the evaluation (metrics <c>calibration.{bin}.predicted/observed/rows</c>), lowest bin
    /// first; empty when the evaluation did not record them.
    /// </summary>
    public static IReadOnlyList<CalibrationPoint> Calibration(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var points = new List<CalibrationPoint>();
        for (var bin = 0; ; bin++)
        {
            var prefix = "calibration." + bin.ToString(CultureInfo.InvariantCulture);
            if (!evaluation.Metrics.TryGetValue(prefix + ".rows", out var rows))
            {
                return points;
            }

            if (evaluation.Metrics.TryGetValue(prefix + ".predicted", out var predicted)
                && evaluation.Metrics.TryGetValue(prefix + ".observed", out var observed))
            {
                points.Add(new CalibrationPoint(predicted, observed, (long)rows));
            }
        }
    }

    /// <summary>The evaluation's further metrics, without the calibration bins (which the plot shows).</summary>
    public static IEnumerable<KeyValuePair<string, double>> OtherMetrics(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return evaluation.Metrics
            .Where(m => !m.Key.StartsWith("calibration.", StringComparison.Ordinal))
            .OrderBy(m => m.Key, StringComparer.Ordinal);
    }

    public static string Figure(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    public static string StatusName(ModelStatus status) => status.ToString().ToLowerInvariant();
}
