namespace ChurnActors.Simulation;

/// <summary>
/// A small, fully specified pseudo-random generator (SplitMix64) so that a simulation seed gives the same stream on
/// every run and every .NET version, with the samplers the shop model needs (exponential, normal, gamma, beta).
/// Each customer gets its own generator derived from the run seed and its index, so customers are independent of
/// the order in which they are generated.
/// </summary>
public sealed class SimulationRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SimulationRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>The generator of customer <paramref name="index"/> in a run with <paramref name="seed"/>.</summary>
    public static SimulationRandom ForCustomer(long seed, int index) =>
        new(Mix(Mix(unchecked((ulong)seed)) ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL)));

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit hash.</summary>
    public static ulong Mix(ulong value)
    {
        unchecked
        {
            var z = value + Golden;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += Golden;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double NextUniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)(NextDouble() * count);

    public bool NextBool(double probability) => NextDouble() < probability;

    /// <summary>Exponential waiting time with the given rate (mean 1/rate).</summary>
    public double NextExponential(double rate) => -Math.Log(1.0 - NextDouble()) / rate;

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Gamma with the given shape and scale (mean shape·scale), by Marsaglia and Tsang (2000).</summary>
    public double NextGamma(double shape, double scale)
    {
        if (shape < 1.0)
        {
            // Boost: Gamma(k) = Gamma(k + 1) · U^(1/k).
            var boosted = NextGamma(shape + 1.0, 1.0);
            return boosted * Math.Pow(1.0 - NextDouble(), 1.0 / shape) * scale;
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextNormal();
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    /// <summary>Beta(<paramref name="a"/>, <paramref name="b"/>) as X/(X+Y) of two gammas.</summary>
    public double NextBeta(double a, double b)
    {
        var x = NextGamma(a, 1.0);
        var y = NextGamma(b, 1.0);
        return x / (x + y);
    }
}
