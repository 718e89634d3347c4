namespace ChurnActors.Domain.Scoring;

/// <summary>
/// Scores feature vectors with a validated <see cref="ModelSnapshot"/>, without ML.NET and without allocating: the
/// raw score, the calibrated probability, the percentile in the training population and per-feature contributions.
/// A scorer is immutable and safe to share between threads (one per silo per model version).
/// Feature vectors are single precision, in the order of <see cref="FeatureNames"/>, as ML.NET takes them.
/// </summary>
public sealed class ModelScorer
{
    private readonly LinearScorer? _linear;
    private readonly TreeEnsembleScorer? _trees;
    private readonly ScoreCalibrator _calibrator;
    private readonly double[] _quantiles;

    private ModelScorer(ModelSnapshot snapshot)
    {
        Snapshot = snapshot;
        FeatureNames = [.. snapshot.FeatureNames];
        if (snapshot.Kind == ModelKind.Linear)
        {
            _linear = new LinearScorer(snapshot.Linear!);
            BaseValue = _linear.BaseValue;
        }
        else
        {
            _trees = new TreeEnsembleScorer(snapshot.Trees!);
            BaseValue = _trees.BaseValue;
        }

        _calibrator = new ScoreCalibrator(snapshot.Calibration);
        _quantiles = (double[])snapshot.ScoreQuantiles.Clone();
    }

    /// <summary>The snapshot this scorer was built from.</summary>
    public ModelSnapshot Snapshot { get; }

    /// <summary>The model's name.</summary>
    public string Name => Snapshot.Name;

    /// <summary>The model's version.</summary>
    public string Version => Snapshot.Version;

    /// <summary>The feature names, in the order a feature vector must follow.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How many features a feature vector holds.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The number of trees (0 for a linear model).</summary>
    public int TreeCount => _trees?.TreeCount ?? 0;

    /// <summary>
    /// The raw score that contributions are measured from: for a linear model the score at the reference point (the
    /// training means), for trees the expected score over the training population. Base value plus the sum of the
    /// contributions is the raw score.
    /// </summary>
    public double BaseValue { get; }

    /// <summary>Validates the snapshot and builds a scorer; throws <see cref="InvalidModelSnapshotException"/> when it is unusable.</summary>
    public static ModelScorer Create(ModelSnapshot snapshot)
    {
        ModelSnapshotValidator.Validate(snapshot);
        return new ModelScorer(snapshot);
    }

    /// <summary>The raw (uncalibrated) score of a feature vector.</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        CheckLength(features.Length, nameof(features));
        return _trees is not null ? _trees.Raw(features) : _linear!.Raw(features);
    }

    /// <summary>The calibrated probability of a feature vector.</summary>
    public double Probability(ReadOnlySpan<float> features) => Calibrate(RawScore(features));

    /// <summary>The raw score and the calibrated probability of a feature vector.</summary>
    public ModelScore Score(ReadOnlySpan<float> features)
    {
        var raw = RawScore(features);
        return new ModelScore(raw, Calibrate(raw));
    }

    /// <summary>The probability for a raw score.</summary>
    public double Calibrate(double rawScore) => _calibrator.Probability(rawScore);

    /// <summary>The percentile (0 to 100) of a raw score in the training population.</summary>
    public double Percentile(double rawScore) => ScoreQuantiles.Percentile(_quantiles, rawScore);

    /// <summary>
    /// Fills <paramref name="contributions"/> (one entry per feature) with how much each feature moved the raw score
    /// away from <see cref="BaseValue"/>, and returns the raw score. Linear: weight * (value - training mean). Trees:
    /// along each tree's path, the change in expected output at each split is credited to the split's feature (Saabas).
    /// </summary>
    public double Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        CheckLength(features.Length, nameof(features));
        CheckLength(contributions.Length, nameof(contributions));
        return _trees is not null ? _trees.Contributions(features, contributions) : _linear!.Contributions(features, contributions);
    }

    /// <summary>
    /// Fills <paramref name="leaves"/> (one entry per tree) with the index, within its tree, of the leaf each tree
    /// reaches. Used at export time to count how the training population spreads over the leaves.
    /// </summary>
    public void Leaves(ReadOnlySpan<float> features, Span<int> leaves)
    {
        if (_trees is null)
        {
            throw new InvalidOperationException($"Model '{Name}' is linear and has no leaves.");
        }

        CheckLength(features.Length, nameof(features));
        if (leaves.Length != _trees.TreeCount)
        {
            throw new ArgumentException($"Expected room for {_trees.TreeCount} leaves, got {leaves.Length}.", nameof(leaves));
        }

        _trees.Leaves(features, leaves);
    }

    private void CheckLength(int length, string parameter)
    {
        if (length != FeatureNames.Count)
        {
            Throw(length, parameter);
        }
    }

    private void Throw(int length, string parameter) =>
        throw new ArgumentException(
            $"Model '{Name}' version '{Version}' takes {FeatureNames.Count} features in schema order; got {length}.", parameter);
}
