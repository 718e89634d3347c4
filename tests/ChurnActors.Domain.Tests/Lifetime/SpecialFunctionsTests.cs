using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(0.5, 0.57236494292470008707)] // ln √π
    [InlineData(10, 12.801827480081469611)] // ln 9!
    [InlineData(100, 359.13420536957539878)] // ln 99!
    [InlineData(3.5, 1.2009736023470742248)] // ln(15√π/8)
    public void LogGamma_MatchesKnownValues(double x, double expected)
    {
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 13);
    }

    [Theory]
    [InlineData(1e-8)]
    [InlineData(0.243)]
    [InlineData(0.793)]
    [InlineData(9.5)]
    [InlineData(37.2)]
    public void LogGamma_SatisfiesTheRecurrence(double x)
    {
        Assert.Equal(Math.Log(x), SpecialFunctions.LogGamma(x + 1) - SpecialFunctions.LogGamma(x), 12);
    }

    [Fact]
    public void LogRisingFactorial_AgreesWithLogGammaDifferences_ForSmallAndLargeCounts()
    {
        foreach (var n in new[] { 0, 1, 5, 16, 17, 80 })
        {
            var expected = SpecialFunctions.LogGamma(0.553 + n) - SpecialFunctions.LogGamma(0.553);
            Assert.Equal(expected, SpecialFunctions.LogRisingFactorial(0.553, n), 10);
        }
    }

    [Fact]
    public void LogAddExp_DoesNotOverflow_ForLargeArguments()
    {
        Assert.Equal(1000 + Math.Log(2), SpecialFunctions.LogAddExp(1000, 1000), 12);
        Assert.Equal(-5, SpecialFunctions.LogAddExp(double.NegativeInfinity, -5));
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(-3e-9)]
    [InlineData(0.3)]
    [InlineData(-0.7)]
    public void ExpMinusOneAndLogOnePlus_AreAccurateNearZero(double x)
    {
        Assert.Equal(x, SpecialFunctions.LogOnePlus(SpecialFunctions.ExpMinusOne(x)), 15);
        Assert.True(Math.Abs(SpecialFunctions.ExpMinusOne(x) - (Math.Exp(x) - 1)) <= 1e-15 + (1e-6 * Math.Abs(x)));
    }
}
