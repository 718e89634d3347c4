using static ChurnActors.Domain.Lifetime.SpecialFunctions;

namespace ChurnActors.Domain.Lifetime;

/// <summary>Maximum-likelihood estimation of <see cref="BgNbdParameters"/> from customers' (x, tₓ, T).</summary>
public static class BgNbdEstimator
{
    /// <summary>
    /// Fits r, α, a, b by maximising Σ ln L over the customers (in log-parameters, see <see cref="Minimizer"/>).
    /// The start is r = a = b = 1 and α = 1 / (Σx / ΣT), so the data's time unit does not matter.
    /// </summary>
    /// <exception cref="ArgumentException">No customers, or an invalid summary.</exception>
    public static LifetimeFit<BgNbdParameters> Fit(IEnumerable<PurchaseSummary> customers)
    {
        var data = WeightedSummaries.ForTransactions(customers);
        if (data.Customers == 0)
        {
            throw new ArgumentException("The BG/NBD needs at least one customer.", nameof(customers));
        }

        var constants = new double[data.MaxFrequency + 1];
        double Objective(double[] theta) => -LogLikelihood(data, constants, Parameters(theta));
        var start = new[] { 0, Math.Log(1 / EmpiricalRate(data)), 0, 0 };
        var result = Minimizer.Minimize(Objective, start);
        var parameters = Parameters(result.Point);
        var errors = StandardErrors.FromLogParameters(Objective, result.Point);
        return new LifetimeFit<BgNbdParameters>(parameters, -result.Value, data.Customers, result.Iterations, result.Evaluations, result.Converged, errors);
    }

    /// <summary>Σx/ΣT: a crude purchase rate that sets the scale of α.</summary>
    internal static double EmpiricalRate(WeightedSummaries data)
    {
        double purchases = 0, time = 0;
        for (var i = 0; i < data.Items.Length; i++)
        {
            purchases += data.Weights[i] * data.Items[i].Frequency;
            time += data.Weights[i] * data.Items[i].Age;
        }

        return purchases > 0 && time > 0 ? purchases / time : 1;
    }

    private static BgNbdParameters Parameters(double[] theta) =>
        new(Math.Exp(theta[0]), Math.Exp(theta[1]), Math.Exp(theta[2]), Math.Exp(theta[3]));

    /// <summary>Σ weight · ln L, with the parts that depend only on x computed once per distinct x.</summary>
    private static double LogLikelihood(WeightedSummaries data, double[] constants, BgNbdParameters p)
    {
        var (r, alpha, a, b) = (p.R, p.Alpha, p.A, p.B);
        var logBetaNormaliser = LogGamma(a + b) - LogGamma(b);
        var lastGamma = LogGamma(r);
        for (var x = 0; x < constants.Length; x++)
        {
            constants[x] = double.NaN;
        }

        var total = 0.0;
        var logAlpha = Math.Log(alpha);
        for (var i = 0; i < data.Items.Length; i++)
        {
            var customer = data.Items[i];
            var x = customer.Frequency;
            if (double.IsNaN(constants[x]))
            {
                constants[x] = (LogGamma(r + x) - lastGamma) + logBetaNormaliser + LogGamma(b + x) - LogGamma(a + b + x);
            }

            var logAlphaT = Math.Log(alpha + customer.Age);
            var ll = constants[x] + (r * logAlpha) - ((r + x) * logAlphaT);
            if (x > 0)
            {
                ll += LogOnePlusExp(Math.Log(a / (b + x - 1)) + ((r + x) * (logAlphaT - Math.Log(alpha + customer.Recency))));
            }

            total += data.Weights[i] * ll;
        }

        return total;
    }
}
