using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// The per-customer quantities computed the slow, independent way: integrating the models' definitions over the
/// posterior of the customer's latent rates numerically, with none of the closed forms (or ₂F₁) of the code under test.
/// </summary>
internal static class Posterior
{
    /// <summary>
    /// BG/NBD P(alive) and E[Y(t)] by integrating over λ ~ Gamma(r, α) and p ~ Beta(a, b): the individual likelihood is
    /// (1−p)ˣλˣe^(−λT) (alive) + 1{x&gt;0}·p(1−p)^(x−1)λˣe^(−λtₓ) (dropped after the last purchase), and an alive
    /// customer buys (1 − e^(−λpt))/p times in the next t on average.
    /// </summary>
    public static (double ProbabilityAlive, double ExpectedPurchases) BgNbd(BgNbdParameters m, PurchaseSummary c, double horizon)
    {
        var x = c.Frequency;
        var k = m.R + x;
        double Alive(double lambda, double p) => Math.Pow(1 - p, x + m.B - 1) * Math.Exp(-lambda * (m.Alpha + c.Age));
        double Dead(double lambda, double p) =>
            x == 0 ? 0 : p * Math.Pow(1 - p, x + m.B - 2) * Math.Exp(-lambda * (m.Alpha + c.Recency));

        // p^(a−1) dp is absorbed by p = u^(1/a); λ^(k−1) dλ becomes e^(kv) dv with λ = e^v/(α + tₓ).
        var lambda = new LogScale(k, m.Alpha + c.Recency);
        double P(double u) => Math.Pow(u, 1 / m.A);

        var alive = lambda.Integrate((l, weight) => weight * Quadrature.Integrate(u => Alive(l, P(u)), 0, 1, panels: 100));
        var total = lambda.Integrate((l, weight) => weight * Quadrature.Integrate(u => Alive(l, P(u)) + Dead(l, P(u)), 0, 1, panels: 100));
        var purchases = lambda.Integrate((l, weight) => weight * Quadrature.Integrate(
            u => -SpecialFunctions.ExpMinusOne(-l * P(u) * horizon) / P(u) * Alive(l, P(u)), 0, 1, panels: 100));
        return (alive / total, purchases / total);
    }

    /// <summary>
    /// BG/NBD P(Y(t) = 0) by integrating over λ and p: a customer who dropped out buys nothing; one who is alive stays
    /// alive until its next purchase, so it buys nothing in the next t with probability e^(−λt).
    /// </summary>
    public static double BgNbdNoPurchase(BgNbdParameters m, PurchaseSummary c, double horizon)
    {
        var x = c.Frequency;
        double Alive(double lambda, double p) => Math.Pow(1 - p, x + m.B - 1) * Math.Exp(-lambda * (m.Alpha + c.Age));
        double Dead(double lambda, double p) =>
            x == 0 ? 0 : p * Math.Pow(1 - p, x + m.B - 2) * Math.Exp(-lambda * (m.Alpha + c.Recency));
        var lambda = new LogScale(m.R + x, m.Alpha + c.Recency);
        double P(double u) => Math.Pow(u, 1 / m.A);

        var none = lambda.Integrate((l, weight) => weight * Quadrature.Integrate(
            u => (Alive(l, P(u)) * Math.Exp(-l * horizon)) + Dead(l, P(u)), 0, 1, panels: 100));
        var total = lambda.Integrate((l, weight) => weight * Quadrature.Integrate(u => Alive(l, P(u)) + Dead(l, P(u)), 0, 1, panels: 100));
        return none / total;
    }

    /// <summary>
    /// Pareto/NBD P(Y(t) = 0) by integrating over λ and μ: an alive customer's next purchase (rate λ) and its dropout
    /// (rate μ) race, and it buys nothing in the next t when the dropout comes first or neither comes within t:
    /// μ/(λ+μ) + λ/(λ+μ)·e^(−(λ+μ)t).
    /// </summary>
    public static double ParetoNbdNoPurchase(ParetoNbdParameters m, PurchaseSummary c, double horizon)
    {
        double Alive(double lambda, double mu) => Math.Exp(-(lambda * (m.Alpha + c.Age)) - (mu * (m.Beta + c.Age)));
        double Dead(double lambda, double mu)
        {
            var sum = lambda + mu;
            var window = Math.Exp(-sum * c.Recency) * -SpecialFunctions.ExpMinusOne(-sum * (c.Age - c.Recency));
            return mu / sum * window * Math.Exp(-(lambda * m.Alpha) - (mu * m.Beta));
        }

        double Silent(double lambda, double mu) => (mu + (lambda * Math.Exp(-(lambda + mu) * horizon))) / (lambda + mu);

        var lambda = new LogScale(m.R + c.Frequency, m.Alpha + c.Recency);
        var mu = new LogScale(m.S, m.Beta + c.Recency);
        var none = lambda.Integrate((l, wl) => wl * mu.Integrate((u, wu) => wu * ((Alive(l, u) * Silent(l, u)) + Dead(l, u))));
        var total = lambda.Integrate((l, wl) => wl * mu.Integrate((u, wu) => wu * (Alive(l, u) + Dead(l, u))));
        return none / total;
    }

    /// <summary>
    /// Pareto/NBD P(alive) and E[Y(t)] by integrating over λ ~ Gamma(r, α) and μ ~ Gamma(s, β): the individual
    /// likelihood is λˣe^(−(λ+μ)T) (alive) + λˣμ∫ₜₓᵀ e^(−(λ+μ)τ)dτ (died after the last purchase), and an alive
    /// customer buys (λ/μ)(1 − e^(−μt)) times in the next t on average.
    /// </summary>
    public static (double ProbabilityAlive, double ExpectedPurchases) ParetoNbd(ParetoNbdParameters m, PurchaseSummary c, double horizon)
    {
        var k = m.R + c.Frequency;
        double Alive(double lambda, double mu) => Math.Exp(-(lambda * (m.Alpha + c.Age)) - (mu * (m.Beta + c.Age)));
        double Dead(double lambda, double mu)
        {
            var sum = lambda + mu;
            var window = Math.Exp(-sum * c.Recency) * -SpecialFunctions.ExpMinusOne(-sum * (c.Age - c.Recency));
            return mu / sum * window * Math.Exp(-(lambda * m.Alpha) - (mu * m.Beta));
        }

        var lambda = new LogScale(k, m.Alpha + c.Recency);
        var mu = new LogScale(m.S, m.Beta + c.Recency);
        var alive = lambda.Integrate((l, wl) => wl * mu.Integrate((u, wu) => wu * Alive(l, u)));
        var total = lambda.Integrate((l, wl) => wl * mu.Integrate((u, wu) => wu * (Alive(l, u) + Dead(l, u))));
        var purchases = lambda.Integrate((l, wl) => wl * mu.Integrate((u, wu) => wu * l / u * -SpecialFunctions.ExpMinusOne(-u * horizon) * Alive(l, u)));
        return (alive / total, purchases / total);
    }

    /// <summary>
    /// The Pareto/NBD log-likelihood with the "died in (tₓ, T]" term as the integral
    /// s ∫ₜₓᵀ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ (Fader &amp; Hardie's derivation before it becomes ₂F₁).
    /// </summary>
    public static double ParetoNbdLogLikelihood(ParetoNbdParameters m, PurchaseSummary c)
    {
        // Both terms relative to their value at τ = tₓ, so large exponents do not overflow.
        var k = m.R + c.Frequency;
        double Relative(double tau, double betaPower) =>
            Math.Pow((m.Alpha + c.Recency) / (m.Alpha + tau), k) * Math.Pow((m.Beta + c.Recency) / (m.Beta + tau), betaPower);
        var alive = Relative(c.Age, m.S);
        var dead = c.Age > c.Recency
            ? m.S / (m.Beta + c.Recency) * Quadrature.Integrate(tau => Relative(tau, m.S + 1), c.Recency, c.Age, panels: 2000)
            : 0;
        return SpecialFunctions.LogRisingFactorial(m.R, c.Frequency) + (m.R * Math.Log(m.Alpha)) + (m.S * Math.Log(m.Beta))
            - (k * Math.Log(m.Alpha + c.Recency)) - (m.S * Math.Log(m.Beta + c.Recency)) + Math.Log(alive + dead);
    }

    /// <summary>
    /// A Gamma-shaped integral over a rate θ with weight θ^(k−1) dθ, done on v = ln(θ·scale) so that shapes from 0.2 to
    /// hundreds are resolved: θ^(k−1) dθ = scale^(−k) e^(kv) dv (the constant cancels in ratios).
    /// </summary>
    private readonly struct LogScale(double shape, double scale)
    {
        public double Integrate(Func<double, double, double> f)
        {
            // Below: e^(kv) < e^(−60); above: the exponential decay of every integrand here (θ·scale ≥ 400).
            var low = (-60 / shape) - 2;
            var high = Math.Log(400);
            var (k, s) = (shape, scale);
            return Quadrature.Integrate(v => f(Math.Exp(v) / s, Math.Exp((k * v) - (0.5 * k * high))), low, high, panels: 150);
        }
    }
}
