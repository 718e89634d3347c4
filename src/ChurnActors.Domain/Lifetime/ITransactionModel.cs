namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// A fitted "buy till you die" transaction model (BG/NBD or Pareto/NBD): the per-customer quantities the engine
/// shows and the log-likelihood the estimators maximise. Implemented by readonly structs so a generic caller
/// (see <see cref="CustomerValue"/>) computes them per event without boxing or allocating.
/// </summary>
public interface ITransactionModel
{
    /// <summary>The log-likelihood of one customer's (x, tₓ, T).</summary>
    double LogLikelihood(in PurchaseSummary customer);

    /// <summary>P(alive | x, tₓ, T): the probability that the customer has not dropped out by T.</summary>
    double ProbabilityAlive(in PurchaseSummary customer);

    /// <summary>E[Y(t) | x, tₓ, T]: expected purchases in the next <paramref name="horizon"/> time units.</summary>
    double ExpectedPurchases(in PurchaseSummary customer, double horizon);

    /// <summary>
    /// P(Y(t) = 0 | x, tₓ, T): the probability that the customer makes no purchase in the next
    /// <paramref name="horizon"/> time units, either because it has dropped out or because, still active, it does
    /// not buy in time. This is the lifetime models' churn probability for a churn horizon t; unlike
    /// 1 − <see cref="ProbabilityAlive"/> it is above 0 for every customer and rises with the time since the last purchase.
    /// </summary>
    double ProbabilityNoPurchase(in PurchaseSummary customer, double horizon);

    /// <summary>
    /// The median time to the customer's next purchase if the customer is alive and stays alive: the purchase rate λ
    /// given the history and survival is Gamma(r + x, α + T) in both models, so the waiting time W has
    /// P(W &gt; w) = ((α + T)/(α + T + w))^(r + x) and median (α + T)(2^(1/(r + x)) − 1). Read it together with
    /// <see cref="ProbabilityAlive"/>: "if still a customer, even odds of an order within this time".
    /// </summary>
    double MedianTimeToNextPurchase(in PurchaseSummary customer);
}
