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
    private const int QuadraturePanels = 8;

    // 8-point Gauss-Legendre nodes and weights on [-1, 1].
    private static readonly double[] GaussNodes =
        [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];

    private static readonly double[] GaussWeights =
        [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

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
    /// <remarks>
    /// 1 − P(alive) · I, where I is the probability that a customer alive at T buys within (T, T+t]. Given the history and
    /// survival to T the rates are independent, λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T); the first purchase comes at
    /// W with P(W &gt; w) = ((α+T)/(α+T+w))^(r+x) and must come before the (memoryless) dropout, survived with
    /// probability ((β+T)/(β+T+w))^s, so I = ∫₀ᵗ f_W(w) ((β+T)/(β+T+w))^s dw. With v = −ln P(W &gt; w) this is
    /// ∫₀^V e^(−v) ((β+T)/(β+T+w(v)))^s dv, w(v) = (α+T)(e^(v/(r+x)) − 1), V = (r+x) ln(1 + t/(α+T)): a smooth,
    /// bounded integrand under an exponential weight, integrated by Gauss-Legendre quadrature (beyond v = 48 the
    /// weight is below 10⁻²⁰).
    /// </remarks>
    public double ProbabilityNoPurchase(in PurchaseSummary customer, double horizon)
    {
        if (!(horizon > 0))
        {
            return 1;
        }

        var k = R + customer.Frequency;
        var alphaT = Alpha + customer.Age;
        var betaT = Beta + customer.Age;
        var end = Math.Min(k * LogOnePlus(horizon / alphaT), 48);
        var width = end / QuadraturePanels;
        var sum = 0.0;
        for (var panel = 0; panel < QuadraturePanels; panel++)
        {
            var middle = (panel + 0.5) * width;
            for (var node = 0; node < GaussNodes.Length; node++)
            {
                var v = middle + (0.5 * width * GaussNodes[node]);
                var wait = alphaT * ExpMinusOne(v / k);
                sum += GaussWeights[node] * Math.Exp(-v - (S * LogOnePlus(wait / betaT)));
            }
        }

        return 1 - (ProbabilityAlive(customer) * 0.5 * width * sum);
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
