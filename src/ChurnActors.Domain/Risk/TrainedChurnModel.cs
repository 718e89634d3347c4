using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// A trained churn classifier (a <see cref="ModelSnapshot"/>) scoring the customer's <see cref="CustomerFeatures"/>
/// as of a moment. The snapshot must use exactly the features of <see cref="FeatureSchema"/>, in schema order: a
/// model trained on another feature set is refused when loaded rather than fed misplaced values. A feature without a
/// value yet (NaN, e.g. days since the last order of a customer who never ordered) goes to a linear model as the
/// training mean it was centred on, so it contributes nothing; tree ensembles route missing values themselves.
/// </summary>
public sealed class TrainedChurnModel : IChurnModel
{
    private readonly ModelScorer _scorer;
    private readonly float[]? _missingAs;

    public TrainedChurnModel(ModelSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _scorer = ModelScorer.Create(snapshot);
        var expected = FeatureSchema.Features.Select(f => f.Name).ToArray();
        if (!_scorer.FeatureNames.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new InvalidModelSnapshotException(
                $"Model {snapshot.Name} {snapshot.Version} was trained on features [{string.Join(", ", _scorer.FeatureNames)}]; " +
                $"this engine computes feature schema version {FeatureSchema.Version}: [{string.Join(", ", expected)}]. " +
                "Retrain it on the current schema.");
        }

        HorizonDays = snapshot.HorizonDays;
        _missingAs = snapshot.Linear is { } linear ? [.. linear.Reference.Select(r => (float)r)] : null;
    }

    public string Name => _scorer.Name;

    public string Version => _scorer.Version;

    /// <summary>The horizon the snapshot was trained to predict (<see cref="ModelSnapshot.HorizonDays"/>).</summary>
    public double? HorizonDays { get; }

    public ModelScorer Scorer => _scorer;

    public ScoreOutcome Score(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Span<float> features = stackalloc float[FeatureSchema.Length];
        Features(customer, asOf, features);
        var raw = _scorer.RawScore(features);
        return new ScoreOutcome(ScoreStatus.Scored, _scorer.Calibrate(raw), _scorer.Percentile(raw), Name, Version, null);
    }

    public IReadOnlyList<string> Explain(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Span<float> features = stackalloc float[FeatureSchema.Length];
        Span<double> contributions = stackalloc double[FeatureSchema.Length];
        Features(customer, asOf, features);
        _scorer.Contributions(features, contributions);
        return ScoreDrivers.Explain(contributions, features);
    }

    private void Features(CustomerActivity customer, DateTimeOffset asOf, Span<float> features)
    {
        customer.Features.WriteAsOf(asOf, features);
        if (_missingAs is { } missingAs)
        {
            for (var i = 0; i < features.Length; i++)
            {
                if (float.IsNaN(features[i]))
                {
                    features[i] = missingAs[i];
                }
            }
        }
    }
}
