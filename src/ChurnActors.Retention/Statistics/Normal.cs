namespace ChurnActors.Retention.Statistics;

/// <summary>
/// The standard normal distribution: density, CDF, upper tail and quantile, to double precision. The upper tail
/// Q(z) = 1 − Φ(z) is computed directly (never as 1 − Φ), so tiny p-values keep their relative precision.
/// </summary>
public static class Normal
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;
    private const double SqrtTwoPi = 2.50662827463100050241576528481;

    // Acklam's rational approximation of the quantile (relative error below 1.15e-9), refined by one Halley step.
    private static readonly double[] A = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
    private static readonly double[] B = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
    private static readonly double[] C = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
    private static readonly double[] D = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    private const double LowRegion = 0.02425;

    /// <summary>The density φ(z) = exp(−z²/2) / √(2π).</summary>
    public static double Density(double z) => InverseSqrtTwoPi * Math.Exp(-0.5 * z * z);

    /// <summary>Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z) => double.IsNaN(z) ? double.NaN : z >= 0 ? 1 - UpperTail(z) : UpperTail(-z);

    /// <summary>
    /// Q(z) = P(Z &gt; z) = 1 − Φ(z) = erfc(z / √2) / 2. For |z| &lt; 3: Q(z) = 1/2 − φ(z) Σ z^(2n+1) / (2n+1)!!
    /// (Marsaglia's series, all terms positive); for z ≥ 3: Q(z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))) (Laplace's
    /// continued fraction, evaluated bottom-up from 200 levels), which keeps full relative precision in the tail.
    /// </summary>
    public static double UpperTail(double z)
    {
        if (double.IsNaN(z))
        {
            return double.NaN;
        }

        if (z < 0)
        {
            return 1 - UpperTail(-z);
        }

        if (z < 3)
        {
            double term = z, sum = z, square = z * z;
            for (var n = 1; n < 200 && term > 1e-17 * sum; n++)
            {
                term *= square / ((2 * n) + 1);
                sum += term;
            }

            return 0.5 - (Density(z) * sum);
        }

        if (z > 40)
        {
            return 0;
        }

        var fraction = z;
        for (var k = 200; k >= 1; k--)
        {
            fraction = z + (k / fraction);
        }

        return Density(z) / fraction;
    }

    /// <summary>The complementary error function, erfc(x) = 2 Q(x √2).</summary>
    public static double Erfc(double x) => 2 * UpperTail(x * Math.Sqrt(2));

    /// <summary>
    /// Φ⁻¹(p) for p in (0, 1): −∞ at 0 and +∞ at 1. Acklam's approximation, then one Halley step on Φ(x) − p
    /// (with the tail computed as Q for p above 1/2), which brings it to full double precision.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static double Quantile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability must be between 0 and 1");
        }

        if (p == 0)
        {
            return double.NegativeInfinity;
        }

        if (p == 1)
        {
            return double.PositiveInfinity;
        }

        double x;
        if (p < LowRegion)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        else if (p <= 1 - LowRegion)
        {
            var q = p - 0.5;
            var r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        }
        else
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }

        // Halley: e = Φ(x) − p, u = e √(2π) exp(x²/2), x ← x − u / (1 + x u / 2). Above 1/2 the error is written
        // (1 − p) − Q(x), the same quantity, so that it does not vanish in the rounding of Φ(x) near 1.
        var error = p > 0.5 ? (1 - p) - UpperTail(x) : Cdf(x) - p;

        var u = error * SqrtTwoPi * Math.Exp(0.5 * x * x);
        return x - (u / (1 + (0.5 * x * u)));
    }
}
