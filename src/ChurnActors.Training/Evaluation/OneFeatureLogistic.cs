namespace ChurnActors.Training.Evaluation;

/// <summary>
/// P(churn) = 1 / (1 + e^-(a + b·x)) fitted by Newton's method: turns a single baseline score (such as the days since
/// the last order) into a probability, fitted on the training rows, so its log loss and Brier score can be compared.
/// </summary>
/// <param name="Intercept">a.</param>
/// <param name="Slope">b.</param>
public sealed record OneFeatureLogistic(double Intercept, double Slope)
{
    /// <summary>Maximum-likelihood fit (with a tiny ridge so separable data stays finite).</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static OneFeatureLogistic Fit(IReadOnlyList<double> x, IReadOnlyList<bool> churned)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(churned);
        if (x.Count != churned.Count || x.Count == 0)
        {
            throw new ArgumentException($"{x.Count} values for {churned.Count} outcomes.", nameof(x));
        }

        const double Ridge = 1e-6;
        var rate = Math.Clamp(churned.Count(c => c) / (double)churned.Count, 1e-6, 1 - 1e-6);
        double a = Math.Log(rate / (1 - rate)), b = 0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            double ga = 0, gb = 0, haa = Ridge, hab = 0, hbb = Ridge;
            for (var i = 0; i < x.Count; i++)
            {
                var p = Sigmoid(a + (b * x[i]));
                var residual = (churned[i] ? 1 : 0) - p;
                var w = p * (1 - p);
                ga += residual;
                gb += residual * x[i];
                haa += w;
                hab += w * x[i];
                hbb += w * x[i] * x[i];
            }

            gb -= Ridge * b;
            var determinant = (haa * hbb) - (hab * hab);
            if (determinant <= 0)
            {
                break;
            }

            var da = ((hbb * ga) - (hab * gb)) / determinant;
            var db = ((haa * gb) - (hab * ga)) / determinant;
            a += da;
            b += db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return new OneFeatureLogistic(a, b);
    }

    public double Probability(double x) => Sigmoid(Intercept + (Slope * x));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
