namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// Customer lifetime value over a horizon from a fitted transaction model and the Gamma-Gamma spend model:
/// margin × E[spend per transaction | history] × discounted E[purchases in the horizon | history]. Generic over the
/// model struct, so a grain computes it per event without allocating.
/// </summary>
public static class CustomerValue
{
    /// <summary>
    /// The expected purchases in (0, H], each discounted to now: Σₖ [E[Y(tₖ)] − E[Y(tₖ₋₁)]] / (1 + d)^((tₖ₋₁ + tₖ)/2)
    /// over <see cref="ClvOptions.Steps"/> equal periods tₖ = kH/K; with d = 0 simply E[Y(H)].
    /// </summary>
    public static double DiscountedPurchases<TModel>(in TModel model, in PurchaseSummary customer, in ClvOptions options)
        where TModel : ITransactionModel
    {
        if (!(options.Horizon > 0))
        {
            return 0;
        }

        if (options.DiscountRate == 0 || options.Steps <= 1)
        {
            var discount = options.DiscountRate == 0 ? 1 : Math.Pow(1 + options.DiscountRate, -options.Horizon / 2);
            return model.ExpectedPurchases(customer, options.Horizon) * discount;
        }

        var logFactor = Math.Log(1 + options.DiscountRate);
        var step = options.Horizon / options.Steps;
        double total = 0, previous = 0;
        for (var k = 1; k <= options.Steps; k++)
        {
            var cumulative = model.ExpectedPurchases(customer, k * step);
            total += (cumulative - previous) * Math.Exp(-logFactor * (k - 0.5) * step);
            previous = cumulative;
        }

        return total;
    }

    /// <summary>
    /// CLV = margin × <see cref="GammaGammaParameters.ConditionalExpectedSpend"/> × <see cref="DiscountedPurchases"/>.
    /// Spend and purchases are independent in the Gamma-Gamma model, so the expectation factorises.
    /// </summary>
    public static double Clv<TModel>(in TModel model, in GammaGammaParameters spend, in PurchaseSummary customer, in ClvOptions options)
        where TModel : ITransactionModel =>
        options.Margin * spend.ConditionalExpectedSpend(customer) * DiscountedPurchases(model, customer, options);
}
