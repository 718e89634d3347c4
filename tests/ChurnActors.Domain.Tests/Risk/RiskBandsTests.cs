using ChurnActors.Domain.Risk;

namespace ChurnActors.Domain.Tests.Risk;

public sealed class RiskBandsTests
{
    private static readonly RiskBands Bands = new() { MediumAt = 0.4, HighAt = 0.7, Hysteresis = 0.05 };

    [Theory]
    [InlineData(0.0, RiskBand.Low)]
    [InlineData(0.39, RiskBand.Low)]
    [InlineData(0.4, RiskBand.Medium)]
    [InlineData(0.69, RiskBand.Medium)]
    [InlineData(0.7, RiskBand.High)]
    public void Next_EntersTheBandWhoseThresholdIsReached_FromLow(double probability, RiskBand expected) =>
        Assert.Equal(expected, Bands.Next(RiskBand.Low, probability));

    [Fact]
    public void Next_KeepsTheBand_WhenTheProbabilityWobblesAroundItsThreshold()
    {
        var band = RiskBand.Low;
        var path = new List<RiskBand>();
        foreach (var p in new[] { 0.41, 0.39, 0.42, 0.36, 0.40, 0.38 })
        {
            band = Bands.Next(band, p);
            path.Add(band);
        }

        Assert.All(path, b => Assert.Equal(RiskBand.Medium, b));
    }

    [Fact]
    public void Next_LeavesTheBand_WhenTheProbabilityFallsBelowThresholdMinusHysteresis()
    {
        Assert.Equal(RiskBand.Low, Bands.Next(RiskBand.Medium, 0.34));
        Assert.Equal(RiskBand.Medium, Bands.Next(RiskBand.High, 0.64));
        Assert.Equal(RiskBand.High, Bands.Next(RiskBand.High, 0.66));
        Assert.Equal(RiskBand.Low, Bands.Next(RiskBand.High, 0.1));
    }

    [Fact]
    public void Validate_NamesTheProblem_WhenThresholdsAreOutOfOrder()
    {
        var error = Assert.Throws<ArgumentException>(() => new RiskBands { MediumAt = 0.8, HighAt = 0.7 }.Validate());

        Assert.Contains("MediumAt < HighAt", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RiskBands { Hysteresis = 0.5 }.Validate());
        RiskBands.Default.Validate();
    }
}
