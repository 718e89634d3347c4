namespace ChurnActors.Domain.Risk;

/// <summary>
/// A customer's latest churn score and band, kept in the persisted customer state. Written by every rescoring (on
/// events and on wake-ups); plain data so it round-trips through the grain state serializer.
/// </summary>
public sealed class RiskState
{
    /// <summary>Whether the last rescoring produced a number (<see cref="ScoreStatus.Scored"/>) and if not, why.</summary>
    public ScoreStatus Status { get; set; } = ScoreStatus.NotScored;

    /// <summary>In words, why there is no score (null when scored).</summary>
    public string? Reason { get; set; }

    /// <summary>P(churn) from the last rescoring.</summary>
    public double? Probability { get; set; }

    /// <summary>Where the score sits in the population the model was fitted on, 0-100.</summary>
    public double? Percentile { get; set; }

    public RiskBand Band { get; set; } = RiskBand.Low;

    /// <summary>When the customer entered <see cref="Band"/> (null while never scored).</summary>
    public DateTimeOffset? BandSince { get; set; }

    /// <summary>The model that produced the score: its name and version.</summary>
    public string? ModelName { get; set; }

    public string? ModelVersion { get; set; }

    /// <summary>The as-of time of the last rescoring.</summary>
    public DateTimeOffset? ScoredAt { get; set; }

    /// <summary>Rescorings since the customer was created.</summary>
    public long Rescorings { get; set; }

    /// <summary>The customer's one pending wake-up as last written to the wake-up index (null when none).</summary>
    public DateTimeOffset? NextWakeUp { get; set; }

    /// <summary>
    /// Records a rescoring as of <paramref name="asOf"/>; returns true when the band rose (a new risk episode may
    /// begin).
    /// </summary>
    public bool Record(in ScoreOutcome outcome, RiskBands bands, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(bands);
        Rescorings++;
        ScoredAt = asOf;
        Status = outcome.Status;
        Reason = outcome.Reason;
        ModelName = outcome.ModelName;
        ModelVersion = outcome.ModelVersion;
        if (outcome.Status != ScoreStatus.Scored)
        {
            Probability = null;
            Percentile = null;
            return false;
        }

        Probability = outcome.Probability;
        Percentile = outcome.Percentile;
        var previous = Band;
        Band = BandSince is null ? bands.Classify(outcome.Probability) : bands.Next(Band, outcome.Probability);
        if (BandSince is null || Band != previous)
        {
            BandSince = asOf;
        }

        return Band > previous;
    }
}
