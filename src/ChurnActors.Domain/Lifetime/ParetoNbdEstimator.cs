namespace ChurnActors.Domain.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="ParetoNbdParameters"/> from customers' (x, tₓ, T).</summary>
public static class ParetoNbdEstimator
{
    /// <summary>
    /// Fits r, α, s, β by maximising Σ ln L over the customers (in log-parameters, see <see cref="Minimizer"/>).
    /// The start is r = s = 1, α = 1 / (Σx / ΣT) and β = mean T, so the data's time unit does not matter.
    /// </summary>
    /// <exception cref="ArgumentException">No customers, or an invalid summary.</exception>
    public static LifetimeFit<ParetoNbdParameters> Fit(IEnumerable<PurchaseSummary> customers)
    {
        var data = WeightedSummaries.ForTransactions(customers);
        if (data.Customers == 0)
        {
            throw new ArgumentException("The Pareto/NBD needs at least one customer.", nameof(customers));
        }

        double Objective(double[] theta) => -LogLikelihood(data, Parameters(theta));
        var meanAge = data.Items.Select((s, i) => s.Age * data.Weights[i]).Sum() / data.Customers;
        var start = new[] { 0, Math.Log(1 / BgNbdEstimator.EmpiricalRate(data)), 0, Math.Log(Math.Max(meanAge, 1e-6)) };
        var result = Minimizer.Minimize(Objective, start);
        var errors = StandardErrors.FromLogParameters(Objective, result.Point);
        return new LifetimeFit<ParetoNbdParameters>(
            Parameters(result.Point), -result.Value, data.Customers, result.Iterations, result.Evaluations, result.Converged, errors);
    }

    private static ParetoNbdParameters Parameters(double[] theta) =>
        new(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]));

    private static double LogLikelihood(WeightedSummaries data, ParetoNbdParameters parameters)
    {
        var total = 0.0;
        for (var i = 0; i < data.Items.Length; i++)
        {
            total += data.Weights[i] * parameters.LogLikelihood(data.Items[i]);
        }

        return total;
    }
}
