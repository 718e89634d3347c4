namespace ChurnActors.Domain.Scoring;

/// <summary>
/// A trained churn model in a compact, serializable form that scores without ML.NET: the feature schema, either a
/// linear model or a tree ensemble, the calibration from raw score to probability, and the quantiles of the raw
/// score over the training population (for percentiles). Load it with <see cref="ModelSnapshotJson"/> and score it
/// with <see cref="ModelScorer"/>; both validate it first.
/// </summary>
public sealed record ModelSnapshot
{
    /// <summary>The model's name, e.g. "churn-30d".</summary>
    public required string Name { get; init; }

    /// <summary>The model's version, e.g. "2026-11-30.1".</summary>
    public required string Version { get; init; }

    /// <summary>Which of <see cref="Linear"/> or <see cref="Trees"/> is set.</summary>
    public required ModelKind Kind { get; init; }

    /// <summary>The feature names, in the order a feature vector must follow.</summary>
    public required string[] FeatureNames { get; init; }

    /// <summary>The linear model, when <see cref="Kind"/> is <see cref="ModelKind.Linear"/>.</summary>
    public LinearModel? Linear { get; init; }

    /// <summary>The tree ensemble, when <see cref="Kind"/> is <see cref="ModelKind.TreeEnsemble"/>.</summary>
    public TreeEnsembleModel? Trees { get; init; }

    /// <summary>The map from raw score to probability.</summary>
    public required ModelCalibration Calibration { get; init; }

    /// <summary>
    /// Quantiles of the raw score over the training population at evenly spaced levels: entry i is the quantile at
    /// level i / (n - 1), so the first is the minimum and the last the maximum. At least two entries, non-decreasing.
    /// </summary>
    public required double[] ScoreQuantiles { get; init; }

    /// <summary>
    /// The churn horizon in days the model was trained to predict (P(no activity within this many days)); null for
    /// snapshots written before the horizon was recorded.
    /// </summary>
    public double? HorizonDays { get; init; }

    /// <summary>
    /// How the classifier is combined with the shop's lifetime model (see <see cref="LifetimeBlend"/>); null for a
    /// classifier that scores alone. Requires <see cref="HorizonDays"/>.
    /// </summary>
    public LifetimeBlend? Lifetime { get; init; }

    /// <summary>Where the model came from (trainer and options), for people reading the snapshot.</summary>
    public string? Source { get; init; }
}
