using static ChurnActors.Domain.Lifetime.SpecialFunctions;

namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005, Marketing Science 24(2)): while alive a customer buys as a
/// Poisson process with rate λ ~ Gamma(r, α) across customers, and after each repeat purchase drops out with
/// probability p ~ Beta(a, b). Holds the four parameters and evaluates the per-customer expressions of the paper.
/// </summary>
public readonly record struct BgNbdParameters(double R, double Alpha, double A, double B) : ITransactionModel
{
    private const double NearOne = 1e-4;

    /// <inheritdoc />
    /// <remarks>
    /// ln L = ln[Γ(r+x)αʳ/Γ(r)] + ln[B(a, b+x)/B(a, b)] + ln[(α+T)^−(r+x) + 1{x&gt;0}·a/(b+x−1)·(α+tₓ)^−(r+x)].
    /// </remarks>
    public double LogLikelihood(in PurchaseSummary customer)
    {
        var x = customer.Frequency;
        var logAlphaT = Math.Log(Alpha + customer.Age);
        var result = LogRisingFactorial(R, x) + (R * Math.Log(Alpha))
            + LogGamma(A + B) + LogGamma(B + x) - LogGamma(B) - LogGamma(A + B + x)
            - ((R + x) * logAlphaT);
        return x > 0 ? result + LogOnePlusExp(LogDeadOdds(customer, logAlphaT)) : result;
    }

    /// <inheritdoc />
    /// <remarks>1 / (1 + 1{x&gt;0}·a/(b+x−1)·((α+T)/(α+tₓ))^(r+x)); always 1 for x = 0, since the model lets a customer
    /// drop out only right after a repeat purchase.</remarks>
    public double ProbabilityAlive(in PurchaseSummary customer) =>
        customer.Frequency == 0 ? 1 : 1 / (1 + Math.Exp(LogDeadOdds(customer, Math.Log(Alpha + customer.Age))));

    /// <inheritdoc />
    /// <remarks>
    /// (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive), with the bracket
    /// evaluated through Euler's transformation as 1 − (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), z = t/(α+T+t), which
    /// keeps every factor moderate for large x; when that overflows (a and b in the thousands) the original form is used.
    /// At a = 1 (a removable 0/0) the value is interpolated from a = 1 ± 10⁻⁴.
    /// </remarks>
    public double ExpectedPurchases(in PurchaseSummary customer, double horizon)
    {
        if (!(horizon > 0))
        {
            return 0;
        }

        var z = horizon / (Alpha + customer.Age + horizon);
        double bracket;
        if (Math.Abs(A - 1) >= NearOne)
        {
            bracket = ScaledBracket(A, z, customer.Frequency);
        }
        else
        {
            var below = ScaledBracket(1 - NearOne, z, customer.Frequency);
            var above = ScaledBracket(1 + NearOne, z, customer.Frequency);
            bracket = below + ((A - (1 - NearOne)) / (2 * NearOne) * (above - below));
        }

        return bracket * ProbabilityAlive(customer);
    }

    /// <inheritdoc />
    /// <remarks>
    /// 1 − P(alive) + P(alive) · ((α+T)/(α+T+t))^(r+x). A customer who has dropped out buys nothing. One who is alive
    /// stays alive until its next purchase (BG/NBD drops customers out only right after a purchase), so it buys nothing
    /// in (T, T+t] exactly when its Poisson process has no event there, e^(−λt); given the history and survival to T,
    /// λ ~ Gamma(r+x, α+T), whose Laplace transform at t is the power above.
    /// </remarks>
    public double ProbabilityNoPurchase(in PurchaseSummary customer, double horizon)
    {
        if (!(horizon > 0))
        {
            return 1;
        }

        var alive = ProbabilityAlive(customer);
        var buys = -ExpMinusOne(-(R + customer.Frequency) * LogOnePlus(horizon / (Alpha + customer.Age)));
        return 1 - (alive * buys);
    }

    /// <inheritdoc />
    public double MedianTimeToNextPurchase(in PurchaseSummary customer) =>
        (Alpha + customer.Age) * ExpMinusOne(Math.Log(2) / (R + customer.Frequency));

    private double LogDeadOdds(in PurchaseSummary customer, double logAlphaT) =>
        Math.Log(A / (B + customer.Frequency - 1)) + ((R + customer.Frequency) * (logAlphaT - Math.Log(Alpha + customer.Recency)));

    private double ScaledBracket(double a, double z, int x)
    {
        var c = a + B + x - 1;
        var tail = Math.Pow(1 - z, a - 1) * Hypergeometric.Gauss2F1(a + B - 1 - R, a - 1, c, z);
        if (!double.IsFinite(tail))
        {
            // With a and b in the thousands (a fit whose dropout probability is nearly the same for every customer) the
            // Euler form is 0 × ∞; the original form's series then converges like (b/(a+b)·z)ⁿ.
            tail = Math.Pow(1 - z, R + x) * Hypergeometric.Gauss2F1(R + x, B + x, c, z);
        }

        return c / (a - 1) * (1 - tail);
    }
}
