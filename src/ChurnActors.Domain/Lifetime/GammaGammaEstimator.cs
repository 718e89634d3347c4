namespace ChurnActors.Domain.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="GammaGammaParameters"/> from customers' mean repeat spend.</summary>
public static class GammaGammaEstimator
{
    /// <summary>
    /// Fits p, q, γ on the customers with at least one repeat transaction and a positive mean spend (the others carry
    /// no spend information), maximising Σ ln f(mₓ | x) in log-parameters. The start is p = 1, q = 2 and γ = the
    /// customers' mean spend, so the currency's scale does not matter.
    /// </summary>
    /// <exception cref="ArgumentException">No customer with a repeat transaction, or an invalid summary.</exception>
    public static LifetimeFit<GammaGammaParameters> Fit(IEnumerable<PurchaseSummary> customers)
    {
        var data = WeightedSummaries.ForSpend(customers);
        if (data.Customers == 0)
        {
            throw new ArgumentException("The Gamma-Gamma model needs at least one customer with a repeat transaction.", nameof(customers));
        }

        double Objective(double[] theta)
        {
            var parameters = Parameters(theta);
            var total = 0.0;
            for (var i = 0; i < data.Items.Length; i++)
            {
                total += data.Weights[i] * parameters.LogLikelihood(data.Items[i]);
            }

            return -total;
        }

        var meanSpend = data.Items.Select((s, i) => s.MeanSpend * data.Weights[i]).Sum() / data.Customers;
        var result = Minimizer.Minimize(Objective, [0, Math.Log(2), Math.Log(meanSpend)]);
        var errors = StandardErrors.FromLogParameters(Objective, result.Point);
        return new LifetimeFit<GammaGammaParameters>(
            Parameters(result.Point), -result.Value, data.Customers, result.Iterations, result.Evaluations, result.Converged, errors);
    }

    private static GammaGammaParameters Parameters(double[] theta) =>
        new(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]));
}
