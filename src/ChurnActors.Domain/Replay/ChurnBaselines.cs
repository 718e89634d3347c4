using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Replay;

/// <summary>
/// The reference scores a churn classifier has to beat, per row: the days since the last order (recency alone), and
/// what the two "buy till you die" models say about the churn horizon H, each fitted on the customers' orders before
/// the evaluation cut-off. A lifetime model ranks customers by the purchases it expects of them in H (fewer: more
/// likely to churn) and gives as churn probability P(no purchase in H). 1 − P(alive) is no churn score: BG/NBD gives
/// every one-time buyer P(alive) = 1, so it would rank the most likely churners as the safest.
/// </summary>
public static class ChurnBaselines
{
    /// <summary>The time unit of the purchase summaries and of the lifetime fits: one day.</summary>
    public static readonly TimeSpan Unit = TimeSpan.FromDays(1);

    /// <summary>Days from the last order to the cut-off (higher: more likely churned).</summary>
    public static double DaysSinceLastOrder(PointInTimeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Features[(int)FeatureId.DaysSinceLastOrder];
    }

    /// <summary>
    /// The ranking score of a lifetime model for a churn horizon of <paramref name="horizonDays"/>: minus the
    /// conditional expected number of purchases in it, so that a higher score means more likely churned.
    /// </summary>
    public static double LifetimeRank<TModel>(TModel model, PointInTimeRow row, double horizonDays)
        where TModel : ITransactionModel
    {
        ArgumentNullException.ThrowIfNull(row);
        return -model.ExpectedPurchases(row.Purchases, horizonDays);
    }

    /// <summary>The churn probability of a lifetime model: P(no purchase in the next <paramref name="horizonDays"/>).</summary>
    public static double LifetimeChurn<TModel>(TModel model, PointInTimeRow row, double horizonDays)
        where TModel : ITransactionModel
    {
        ArgumentNullException.ThrowIfNull(row);
        return model.ProbabilityNoPurchase(row.Purchases, horizonDays);
    }

    /// <summary>
    /// Fits BG/NBD on the given summaries (the customers' orders before the evaluation cut-off, as of it), so the
    /// baseline knows nothing the model could not know.
    /// </summary>
    /// <exception cref="ArgumentException">No customer.</exception>
    public static LifetimeFit<BgNbdParameters> FitBgNbd(IEnumerable<PurchaseSummary> summaries) => BgNbdEstimator.Fit(summaries);

    /// <summary>Fits Pareto/NBD on the given summaries, as <see cref="FitBgNbd"/>.</summary>
    /// <exception cref="ArgumentException">No customer.</exception>
    public static LifetimeFit<ParetoNbdParameters> FitParetoNbd(IEnumerable<PurchaseSummary> summaries) => ParetoNbdEstimator.Fit(summaries);
}
