using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Replay;

/// <summary>
/// The two reference scores a churn classifier has to beat, per row: the days since the last order (recency alone)
/// and the BG/NBD probability of having dropped out, 1 - P(alive), from a fit on the training period's orders.
/// </summary>
public static class ChurnBaselines
{
    /// <summary>The time unit of the purchase summaries and of the BG/NBD fit: one day.</summary>
    public static readonly TimeSpan Unit = TimeSpan.FromDays(1);

    /// <summary>Days from the last order to the cut-off (higher: more likely churned).</summary>
    public static double DaysSinceLastOrder(PointInTimeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Features[(int)FeatureId.DaysSinceLastOrder];
    }

    /// <summary>1 - P(alive) of the row's purchase summary under <paramref name="parameters"/>.</summary>
    public static double BgNbdChurn(BgNbdParameters parameters, PointInTimeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return 1 - parameters.ProbabilityAlive(row.Purchases);
    }

    /// <summary>
    /// Fits BG/NBD on the given summaries (the customers' orders before the evaluation cut-off, as of it), so the
    /// baseline knows nothing the model could not know.
    /// </summary>
    /// <exception cref="ArgumentException">No customer.</exception>
    public static LifetimeFit<BgNbdParameters> FitBgNbd(IEnumerable<PurchaseSummary> summaries) => BgNbdEstimator.Fit(summaries);
}
