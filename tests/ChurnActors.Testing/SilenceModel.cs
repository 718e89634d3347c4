using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Testing;

/// <summary>
/// A hand-made linear churn model over the engine's feature schema whose risk grows with silence only:
/// P(churn) = sigmoid(0.1 x days since the last event - 4). The medium band (0.4) starts after about 35.9 silent days,
/// the high band (0.7) after about 48.5; the raw score 0 (40 days) sits at the 50th percentile.
/// </summary>
public static class SilenceModel
{
    public static ModelSnapshot Snapshot(string version = "1")
    {
        var weights = new float[FeatureSchema.Length];
        weights[(int)FeatureId.DaysSinceLastEvent] = 0.1f;
        return new ModelSnapshot
        {
            Name = "silence",
            Version = version,
            Kind = ModelKind.Linear,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            Linear = new LinearModel { Weights = weights, Bias = -4f, Reference = new double[FeatureSchema.Length] },
            Calibration = ModelCalibration.Platt(-1, 0),
            ScoreQuantiles = [.. Enumerable.Range(0, 101).Select(i => -4 + (i * 0.08))],
        };
    }

    /// <summary>The model's P(churn) after <paramref name="silentDays"/> without an event.</summary>
    public static double Probability(double silentDays) => 1 / (1 + Math.Exp(-((0.1 * silentDays) - 4)));
}
