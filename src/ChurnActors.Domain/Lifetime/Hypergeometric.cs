namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z &lt; 1, as the BG/NBD and Pareto/NBD
/// expressions need it.
/// </summary>
/// <remarks>
/// <para>For 0 ≤ z ≤ ½ the defining power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ converges at least as fast as 2⁻ⁿ. For
/// ½ &lt; z &lt; 1 the series is still used when it settles within 400 terms (e.g. the Pareto/NBD's ₂F₁(1, b; c; z)
/// with z ≤ 0.9, or any large c).</para>
/// <para>
/// Otherwise, near z = 1 where the series crawls (and diverges at 1), the value and derivative at z = ½ are continued
/// along the real axis with the hypergeometric differential equation z(1 − z)w″ + [c − (a + b + 1)z]w′ − ab·w = 0:
/// each step expands w in a Taylor series about the current point, whose coefficients follow a three-term recurrence
/// from the equation, and moves at most half the distance to the singular point z = 1 (shorter when a parameter is
/// large, so no step's terms cancel), so z = 1 − 10⁻⁹ takes about 30 steps. This is the analytic continuation that the
/// usual linear transformation z → 1 − z (Abramowitz &amp; Stegun 15.3.6) gives in closed form; it is used instead
/// because that transformation has logarithmic special cases whenever c − a − b is an integer (a likelihood optimiser
/// crosses those, e.g. s = 1 in the Pareto/NBD) and loses all precision by cancellation between its two terms when a
/// parameter such as r + s + x is large.
/// </para>
/// <para>
/// For z &lt; 0, Pfaff's transformation ₂F₁(a, b; c; z) = (1 − z)⁻ᵇ ₂F₁(c − a, b; c; z/(z − 1)) (or its twin with a
/// and b exchanged, whichever has the smaller power) maps the argument into [0, 1).
/// </para>
/// <para>Callers keep the magnitudes moderate by choosing parameters (see the Euler transformation used by the Pareto/NBD
/// likelihood); values beyond the double range come back as infinity, and NaN when the continuation would need more
/// than 2,000 steps (parameters in the tens of thousands with z within 10⁻³ of 1).</para>
/// </remarks>
public static class Hypergeometric
{
    private const double Epsilon = 1e-16;
    private const int MaxSeriesTerms = 100_000;

    // Above z = ½ the series is used only when it converges within this many terms (like 0.9ⁿ or faster).
    private const int MaxTermsAboveHalf = 400;
    private const int MaxStepTerms = 2_000;

    // Halving the distance to z = 1 reaches the last double below 1 in 53 steps; large parameters need proportionally
    // shorter steps (|a|, |b|, |c| near 800 with z = 0.999 take about 250). Beyond this the result is NaN rather than
    // an unbounded amount of work: an optimiser treats it as outside the feasible region.
    private const int MaxContinuationSteps = 2_000;

    /// <summary>₂F₁(a, b; c; z) for z &lt; 1; c must not be zero or a negative whole number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">z ≥ 1 (where the series diverges or the function is complex).</exception>
    public static double Gauss2F1(double a, double b, double c, double z)
    {
        if (!(z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The hypergeometric function is evaluated for z < 1 only.");
        }

        if (c <= 0 && c == Math.Floor(c))
        {
            return double.NaN;
        }

        if (z == 0 || a == 0 || b == 0)
        {
            return 1;
        }

        if (z < 0)
        {
            var w = z / (z - 1);
            return Math.Abs(b) <= Math.Abs(a)
                ? Math.Pow(1 - z, -b) * Gauss2F1(c - a, b, c, w)
                : Math.Pow(1 - z, -a) * Gauss2F1(a, c - b, c, w);
        }

        if (z <= 0.5)
        {
            return Series(a, b, c, z, MaxSeriesTerms, out _);
        }

        var direct = Series(a, b, c, z, MaxTermsAboveHalf, out _);
        if (!double.IsNaN(direct))
        {
            return direct;
        }

        var value = Series(a, b, c, 0.5, MaxSeriesTerms, out var derivative);
        return Continue(a, b, c, 0.5, value, derivative, z);
    }

    /// <summary>
    /// The power series about 0 and its derivative, summed until the terms no longer change the sum; NaN when that
    /// takes more than <paramref name="maxTerms"/> terms.
    /// </summary>
    private static double Series(double a, double b, double c, double z, int maxTerms, out double derivative)
    {
        double term = 1, sum = 1, derivativeSum = 0;
        for (var n = 0; n < maxTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1));
            term *= ratio * z;
            sum += term;
            derivativeSum += (n + 1) * term;
            if (term == 0 || double.IsInfinity(sum))
            {
                break;
            }

            if (Math.Abs(ratio * z) < 1 && Math.Abs(term) <= Epsilon * Math.Abs(sum) && Math.Abs((n + 1) * term) <= Epsilon * Math.Abs(derivativeSum))
            {
                derivative = derivativeSum / z;
                return sum;
            }
        }

        derivative = derivativeSum / z;
        return term == 0 || double.IsInfinity(sum) ? sum : double.NaN;
    }

    /// <summary>
    /// Continues w(z₀) = value, w′(z₀) = derivative to w(target) for ½ ≤ z₀ ≤ target &lt; 1 by Taylor steps of the
    /// hypergeometric equation, each at most half the distance to z = 1.
    /// </summary>
    private static double Continue(double a, double b, double c, double start, double value, double derivative, double target)
    {
        var position = start;
        var product = a * b;
        var sumPlusOne = a + b + 1;
        for (var step = 0; position < target; step++)
        {
            if (step == MaxContinuationSteps)
            {
                return double.NaN;
            }

            var p0 = position * (1 - position);
            var q0 = c - (sumPlusOne * position);

            // At most half way to z = 1, and short enough that the Taylor terms (which grow like λⁿ/n! with
            // λ = |q0|h/p0, and like (√(|ab|/p0)·h)ⁿ) cannot cancel away more than a digit or so.
            var h = Math.Min(target - position, 0.5 * (1 - position));
            h = Math.Min(h, 2 * p0 / Math.Max(Math.Abs(q0), 1e-300));
            h = Math.Min(h, 2 * Math.Sqrt(p0 / Math.Max(Math.Abs(product), 1e-300)));
            if (position + h == position)
            {
                break;
            }

            var p1 = 1 - (2 * position);

            // Scaled Taylor coefficients e_n = w⁽ⁿ⁾(position) hⁿ / n!.
            var previous = value;
            var current = derivative * h;
            var newValue = previous + current;
            var newDerivative = current;
            for (var n = 0; n < MaxStepTerms; n++)
            {
                var next = -(((p1 * n) + q0) * (n + 1) * current * h
                    + ((-(double)n * (n - 1)) - (sumPlusOne * n) - product) * previous * h * h) / (p0 * (n + 2) * (n + 1));
                newValue += next;
                newDerivative += (n + 2) * next;
                previous = current;
                current = next;
                if (Math.Abs(previous) + Math.Abs(current) <= Epsilon * Math.Abs(newValue) && n > 2)
                {
                    break;
                }
            }

            value = newValue;
            derivative = newDerivative / h;
            position = h == target - position ? target : position + h;
        }

        return value;
    }
}
