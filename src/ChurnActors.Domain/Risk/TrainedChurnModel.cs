using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// A trained churn classifier (a <see cref="ModelSnapshot"/>) scoring the customer's <see cref="CustomerFeatures"/>
/// as of a moment. The snapshot must use exactly the features of <see cref="FeatureSchema"/>, in schema order: a
/// model trained on another feature set is refused when loaded rather than fed misplaced values. A feature without a
/// value yet (NaN, e.g. days since the last order of a customer who never ordered) goes to a linear model as the
/// training mean it was centred on, so it contributes nothing; tree ensembles route missing values themselves.
/// A snapshot with a <see cref="LifetimeBlend"/> is blended with the shop's current BG/NBD fit when one is given
/// (<see cref="WithLifetime"/>), for customers with an order; otherwise the classifier scores alone.
/// </summary>
public sealed class TrainedChurnModel : IChurnModel
{
    private readonly ModelScorer _scorer;
    private readonly float[]? _missingAs;
    private readonly LifetimeBlend? _blend;
    private readonly BgNbdParameters? _lifetime;

    /// <param name="snapshot">The model.</param>
    /// <param name="lifetime">The shop's current BG/NBD fit (time in days), for a snapshot that blends it in.</param>
    public TrainedChurnModel(ModelSnapshot snapshot, BgNbdParameters? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        _blend = snapshot.HorizonDays is not null ? snapshot.Lifetime : null;
        _lifetime = lifetime;
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

    /// <summary>The snapshot this model scores with.</summary>
    public ModelSnapshot Snapshot { get; }

    /// <summary>Whether scores blend in the shop's lifetime fit (the snapshot asks for it and a fit was given).</summary>
    public bool BlendsLifetime => _blend is not null && _lifetime is not null;

    /// <summary>The same model blending with <paramref name="lifetime"/> (null: the classifier alone).</summary>
    public TrainedChurnModel WithLifetime(BgNbdParameters? lifetime) => new(Snapshot, lifetime);

    public ScoreOutcome Score(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Span<float> features = stackalloc float[FeatureSchema.Length];
        Features(customer, asOf, features);
        var raw = _scorer.RawScore(features);
        var probability = _scorer.Calibrate(raw);
        if (_blend is { } blend && _lifetime is { } lifetime && customer.Purchases.PurchaseDays > 0)
        {
            var noOrder = lifetime.ProbabilityNoPurchase(customer.Purchases.SummaryAsOf(asOf, ShopLifetimeModel.Unit), HorizonDays!.Value);
            if (double.IsFinite(noOrder))
            {
                var blended = blend.Probability(probability, noOrder);
                return new ScoreOutcome(ScoreStatus.Scored, blended, ScoreQuantiles.Percentile(blend.ProbabilityQuantiles, blended), Name, Version, null);
            }
        }

        return new ScoreOutcome(ScoreStatus.Scored, probability, _scorer.Percentile(raw), Name, Version, null);
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
