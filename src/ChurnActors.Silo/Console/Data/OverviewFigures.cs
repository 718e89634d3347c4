namespace ChurnActors.Silo.Console.Data;

/// <summary>The overview page's figures, from one pass over <c>customer_scores</c> and 90 days of <c>band_transitions</c>.</summary>
/// <param name="Bands">Low, medium and high, in that order (zero when empty).</param>
/// <param name="Unscored">Customers without a band (not scored yet, or too little data).</param>
/// <param name="Histogram">Scored customers per probability bin: <see cref="HistogramBins"/> equal bins over [0, 1].</param>
/// <param name="Transitions">One entry per day of the last 90 (UTC), oldest first, days without changes included.</param>
/// <param name="AsOf">When the figures were read.</param>
public sealed record OverviewFigures(
    IReadOnlyList<BandFigure> Bands, long Unscored, IReadOnlyList<long> Histogram, IReadOnlyList<TransitionDay> Transitions, DateTimeOffset AsOf)
{
    public const int HistogramBins = 20;

    public long Customers => Bands.Sum(b => b.Customers) + Unscored;

    public double ValueAtRisk => Bands.Sum(b => b.ValueAtRisk);
}
