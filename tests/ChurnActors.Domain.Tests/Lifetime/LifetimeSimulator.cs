using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

/// <summary>
/// Draws customers from the models' own generative stories with a fixed seed, to check that the estimators recover
/// known parameters.
/// </summary>
internal sealed class LifetimeSimulator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>BG/NBD: λ ~ Gamma(r, α), p ~ Beta(a, b); Poisson purchases; after each repeat purchase, gone with probability p.</summary>
    public PurchaseSummary BgNbd(BgNbdParameters parameters, double age)
    {
        var rate = Gamma(parameters.R, parameters.Alpha);
        var dropout = Beta(parameters.A, parameters.B);
        var (x, last, time) = (0, 0.0, 0.0);
        while (true)
        {
            time += Exponential(rate);
            if (time > age)
            {
                break;
            }

            x++;
            last = time;
            if (_random.NextDouble() < dropout)
            {
                break;
            }
        }

        return new PurchaseSummary(x, last, age);
    }

    /// <summary>Pareto/NBD: λ ~ Gamma(r, α), μ ~ Gamma(s, β); Poisson purchases during an exponential lifetime.</summary>
    public PurchaseSummary ParetoNbd(ParetoNbdParameters parameters, double age)
    {
        var rate = Gamma(parameters.R, parameters.Alpha);
        var lifetime = Exponential(Gamma(parameters.S, parameters.Beta));
        var end = Math.Min(age, lifetime);
        var (x, last, time) = (0, 0.0, 0.0);
        while (true)
        {
            time += Exponential(rate);
            if (time > end)
            {
                break;
            }

            x++;
            last = time;
        }

        return new PurchaseSummary(x, last, age);
    }

    /// <summary>Gamma-Gamma: ν ~ Gamma(q, γ) per customer, each of x transactions' values ~ Gamma(p, ν); returns their mean.</summary>
    public double MeanSpend(GammaGammaParameters parameters, int transactions)
    {
        var customerRate = Gamma(parameters.Q, parameters.V);
        var total = 0.0;
        for (var i = 0; i < transactions; i++)
        {
            total += Gamma(parameters.P, customerRate);
        }

        return total / transactions;
    }

    public double Uniform(double low, double high) => low + ((high - low) * _random.NextDouble());

    /// <summary>Gamma(shape, rate) by Marsaglia and Tsang's method, boosted for shape &lt; 1.</summary>
    public double Gamma(double shape, double rate)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1, rate) * Math.Pow(1 - _random.NextDouble(), 1 / shape);
        }

        var d = shape - (1.0 / 3);
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double normal, v;
            do
            {
                normal = Normal();
                v = 1 + (c * normal);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1 - _random.NextDouble();
            if (Math.Log(u) < (0.5 * normal * normal) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v / rate;
            }
        }
    }

    private double Beta(double a, double b)
    {
        var x = Gamma(a, 1);
        return x / (x + Gamma(b, 1));
    }

    private double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
