namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The few special functions the lifetime models need, written here so the domain has no numerics dependency:
/// the log-gamma function and overflow-safe log-sum helpers.
/// </summary>
public static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    /// <summary>
    /// ln Γ(x) for x &gt; 0, to about 1e-15 relative (absolute near the zeros at 1 and 2). Shifts x up to 10 or more
    /// with Γ(x+1) = xΓ(x), then uses Stirling's series to the x⁻¹³ term.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        double shift = 0;
        if (x < 10)
        {
            var product = 1.0;
            while (x < 10)
            {
                product *= x;
                x += 1;
            }

            shift = Math.Log(product);
        }

        var inverse = 1 / x;
        var inverse2 = inverse * inverse;
        // Stirling's series: B2k / (2k (2k-1) x^(2k-1)) for k = 1..7.
        var series = inverse * (1.0 / 12 + inverse2 * (-1.0 / 360 + inverse2 * (1.0 / 1260 + inverse2 * (-1.0 / 1680
            + inverse2 * (1.0 / 1188 + inverse2 * (-691.0 / 360360 + inverse2 * (1.0 / 156)))))));
        return ((x - 0.5) * Math.Log(x)) - x + HalfLogTwoPi + series - shift;
    }

    /// <summary>ln Γ(a + n) − ln Γ(a) for a &gt; 0 and whole n ≥ 0, exact summation of logs for small n.</summary>
    public static double LogRisingFactorial(double a, int n)
    {
        if (n <= 16)
        {
            var product = 1.0;
            for (var k = 0; k < n; k++)
            {
                product *= a + k;
            }

            return Math.Log(product);
        }

        return LogGamma(a + n) - LogGamma(a);
    }

    /// <summary>ln(eᵘ + eᵛ) without overflow; −∞ terms are allowed.</summary>
    public static double LogAddExp(double u, double v)
    {
        if (double.IsNegativeInfinity(u))
        {
            return v;
        }

        if (double.IsNegativeInfinity(v))
        {
            return u;
        }

        return u > v ? u + LogOnePlus(Math.Exp(v - u)) : v + LogOnePlus(Math.Exp(u - v));
    }

    /// <summary>ln(1 + eᵘ) without overflow.</summary>
    public static double LogOnePlusExp(double u) => u > 0 ? u + LogOnePlus(Math.Exp(-u)) : LogOnePlus(Math.Exp(u));

    /// <summary>ln(1 + x), accurate for small x (Kahan's correction of the rounded 1 + x).</summary>
    public static double LogOnePlus(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small x (Kahan's correction of the rounded eˣ).</summary>
    public static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        return (u - 1) * x / Math.Log(u);
    }
}
