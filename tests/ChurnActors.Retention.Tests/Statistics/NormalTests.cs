using ChurnActors.Retention.Statistics;

namespace ChurnActors.Retention.Tests.Statistics;

public sealed class NormalTests
{
    // Reference values: Φ and Φ⁻¹ from published normal tables to 16 digits (e.g. Φ(1) = 0.8413447460685429,
    // Φ⁻¹(0.975) = 1.959963984540054), tail values as erfc(z/√2)/2.
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-3.0, 0.0013498980316301035)]
    [InlineData(-5.0, 2.866515718791946e-07)]
    [InlineData(-10.0, 7.619853024160593e-24)]
    public void Cdf_MatchesTables_AcrossTheRange(double z, double expected)
    {
        Assert.Equal(expected, Normal.Cdf(z), expected * 1e-12);
    }

    [Theory]
    [InlineData(1.6329931618554523, 0.05123521742987469)]
    [InlineData(5.0, 2.866515718791946e-07)]
    [InlineData(7.0, 1.279812543885835e-12)]
    [InlineData(10.0, 7.619853024160593e-24)]
    public void UpperTail_KeepsRelativePrecision_InTheFarTail(double z, double expected)
    {
        Assert.Equal(expected, Normal.UpperTail(z), expected * 1e-12);
    }

    [Fact]
    public void Erfc_MatchesKnownValue_AtOne()
    {
        Assert.Equal(0.15729920705028513, Normal.Erfc(1), 1e-15);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.9, 1.2815515655446008)]
    [InlineData(0.02425, -1.9729610513118845)]
    [InlineData(0.001, -3.090232306167813)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.999999, 4.753424308817089)]
    public void Quantile_MatchesTables_InEveryRegion(double p, double expected)
    {
        Assert.Equal(expected, Normal.Quantile(p), 1e-12);
    }

    [Fact]
    public void Quantile_InvertsCdf_OnAGrid()
    {
        // Above z = 5 the double nearest Φ(z) is too coarse (steps of 1.1e-16 against a density below 1.5e-6) for
        // the round trip to hold to 1e-8, which is a property of the input, not of the quantile.
        for (var z = -8.0; z <= 5.0; z += 0.25)
        {
            Assert.Equal(z, Normal.Quantile(Normal.Cdf(z)), 1e-8);
        }
    }

    [Fact]
    public void Quantile_IsInfinite_AtTheEnds_AndRefusesNonProbabilities()
    {
        Assert.Equal(double.NegativeInfinity, Normal.Quantile(0));
        Assert.Equal(double.PositiveInfinity, Normal.Quantile(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Normal.Quantile(double.NaN));
    }
}
