using static ChurnActors.Domain.Lifetime.SpecialFunctions;

namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987): while alive a customer buys as a Poisson process
/// with rate λ ~ Gamma(r, α), and stays alive for an exponential lifetime with rate μ ~ Gamma(s, β). Holds the four
/// parameters and evaluates the expressions of Fader &amp; Hardie's note "A Note on Deriving the Pareto/NBD Model and
/// Related Expressions" (2005).
/// </summary>
public readonly record struct ParetoNbdParameters(double R, double Alpha, double S, double Beta) : ITransactionModel
{
    /// <inheritdoc />
    /// <remarks>
    /// L = Γ(r+x)αʳβˢ/Γ(r) · [ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ], A₀ = F(tₓ) − F(T), where with M = max(α, β),
    /// m = min(α, β) and z(t) = (M − m)/(M + t), F(t) = ₂F₁(r+s+x, s+1 or r+x; r+s+x+1; z)/(M+t)^(r+s+x) (the second
    /// parameter is s+1 when α ≥ β, r+x otherwise). Computed in logs, with Euler's transformation
    /// ₂F₁(a, b; c; z) = (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) turning each ₂F₁ into ₂F₁(1, ·; r+s+x+1; z), whose terms
    /// all shrink, so large x neither overflows nor cancels.
    /// </remarks>
    public double LogLikelihood(in PurchaseSummary customer)
    {
        var x = customer.Frequency;
        var common = LogRisingFactorial(R, x) + (R * Math.Log(Alpha)) + (S * Math.Log(Beta));
        return common + LogAddExp(LogAliveTerm(customer), LogDeadTerm(customer));
    }

    /// <inheritdoc />
    /// <remarks>1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀).</remarks>
    public double ProbabilityAlive(in PurchaseSummary customer) =>
        1 / (1 + Math.Exp(LogDeadTerm(customer) - LogAliveTerm(customer)));

    /// <inheritdoc />
    /// <remarks>
    /// (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive); the bracket over (s − 1) is evaluated with
    /// expm1 and tends to ln((β+T+t)/(β+T)) at s = 1.
    /// </remarks>
    public double ExpectedPurchases(in PurchaseSummary customer, double horizon)
    {
        if (!(horizon > 0))
        {
            return 0;
        }

        var betaT = Beta + customer.Age;
        var logRatio = Math.Log(betaT / (betaT + horizon));
        var sMinusOne = S - 1;
        var bracket = sMinusOne == 0 ? -logRatio : -ExpMinusOne(sMinusOne * logRatio) / sMinusOne;
        return (R + customer.Frequency) * betaT / (Alpha + customer.Age) * bracket * ProbabilityAlive(customer);
    }

    /// <inheritdoc />
    public double MedianTimeToNextPurchase(in PurchaseSummary customer) =>
        (Alpha + customer.Age) * ExpMinusOne(Math.Log(2) / (R + customer.Frequency));

    /// <summary>ln[(α+T)^−(r+x) (β+T)^−s]: alive throughout (0, T].</summary>
    private double LogAliveTerm(in PurchaseSummary customer) =>
        (-(R + customer.Frequency) * Math.Log(Alpha + customer.Age)) - (S * Math.Log(Beta + customer.Age));

    /// <summary>ln[s/(r+s+x) · A₀]: died somewhere in (tₓ, T].</summary>
    private double LogDeadTerm(in PurchaseSummary customer)
    {
        var x = customer.Frequency;
        var logAtRecency = LogF(customer.Recency, x);
        var logAtAge = LogF(customer.Age, x);
        var difference = logAtAge - logAtRecency;
        if (!(difference < 0))
        {
            return double.NegativeInfinity;
        }

        return Math.Log(S / (R + S + x)) + logAtRecency + Math.Log(-ExpMinusOne(difference));
    }

    private double LogF(double t, int x)
    {
        var a = R + S + x;
        double high, low, b, power;
        if (Alpha >= Beta)
        {
            (high, low, b, power) = (Alpha, Beta, R + x, -S);
        }
        else
        {
            (high, low, b, power) = (Beta, Alpha, S + 1, 1 - R - x);
        }

        var logHigh = Math.Log(high + t);
        var logOneMinusZ = Math.Log(low + t) - logHigh;
        var z = (high - low) / (high + t);
        return (power * logOneMinusZ) + Math.Log(Hypergeometric.Gauss2F1(1, b, a + 1, z)) - (a * logHigh);
    }
}
