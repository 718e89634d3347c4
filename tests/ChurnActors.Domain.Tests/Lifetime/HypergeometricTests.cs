using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class HypergeometricTests
{
    [Theory]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(0.99)]
    [InlineData(0.999999)]
    [InlineData(-0.5)]
    [InlineData(-30)]
    public void Gauss2F1_MatchesTheLogarithm_ForOneOneTwo(double z)
    {
        // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z; c − a − b = 0 is the logarithmic case of the z → 1 − z transformation.
        var expected = -Math.Log(1 - z) / z;
        AssertRelative(expected, Hypergeometric.Gauss2F1(1, 1, 2, z), 1e-12);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(0.999)]
    [InlineData(0.3)]
    public void Gauss2F1_MatchesArcsine(double x)
    {
        // ₂F₁(½, ½; 3/2; x²) = arcsin(x)/x.
        AssertRelative(Math.Asin(x) / x, Hypergeometric.Gauss2F1(0.5, 0.5, 1.5, x * x), 1e-12);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3)]
    [InlineData(40)]
    public void Gauss2F1_MatchesArctangent_ForNegativeArguments(double x)
    {
        // ₂F₁(½, 1; 3/2; −x²) = arctan(x)/x.
        AssertRelative(Math.Atan(x) / x, Hypergeometric.Gauss2F1(0.5, 1, 1.5, -x * x), 1e-12);
    }

    [Theory]
    [InlineData(0.7, 2.3, 0.95)]
    [InlineData(12.5, 3, 0.6)]
    public void Gauss2F1_MatchesThePowerLaw_WhenBEqualsC(double a, double b, double z)
    {
        AssertRelative(Math.Pow(1 - z, -a), Hypergeometric.Gauss2F1(a, b, b, z), 1e-12);
    }

    [Theory]
    [InlineData(1, 796, 799.4, 0.999)] // Pareto/NBD-like: large r + s + x, z near 1
    [InlineData(1, 796, 799.4, 0.6)]
    [InlineData(0.5, 1.5, 1.0, 0.999)] // c − a − b = −1: an integer, growing like (1 − z)⁻¹
    [InlineData(1.6, 2.2, 3.8, 0.995)] // c − a − b = 0
    [InlineData(2.3, -0.2, 102, 0.9999)] // BG/NBD-like: large c
    [InlineData(1, 1.606, 3.159, 0.98)]
    public void Gauss2F1_MatchesItsPowerSeriesSummedToTheEnd(double a, double b, double c, double z)
    {
        AssertRelative(BruteForceSeries(a, b, c, z), Hypergeometric.Gauss2F1(a, b, c, z), 1e-11);
    }

    [Fact]
    public void Gauss2F1_IsAPolynomial_WhenAIsANegativeInteger()
    {
        // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)).
        const double b = 1.5, c = 2.5, z = 0.8;
        var expected = 1 - (2 * b * z / c) + (b * (b + 1) * z * z / (c * (c + 1)));
        AssertRelative(expected, Hypergeometric.Gauss2F1(-2, b, c, z), 1e-14);
    }

    [Fact]
    public void Gauss2F1_RejectsArgumentsFromOneUp()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(1, 1, 2, 1));
    }

    private static double BruteForceSeries(double a, double b, double c, double z)
    {
        double term = 1, sum = 1;
        for (var n = 0; n < 50_000_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (n > 10 && Math.Abs(term) < 1e-18 * Math.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
