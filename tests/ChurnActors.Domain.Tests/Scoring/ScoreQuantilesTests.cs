using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Tests.Scoring;

public sealed class ScoreQuantilesTests
{
    [Fact]
    public void Compute_GivesMinimumPercentilesAndMaximum_ForAnEvenPopulation()
    {
        var scores = Enumerable.Range(0, 1001).Select(i => i / 10.0).Reverse();

        var quantiles = ScoreQuantiles.Compute(scores);

        Assert.Equal(101, quantiles.Length);
        Assert.Equal(0, quantiles[0], 9);
        Assert.Equal(50, quantiles[50], 9);
        Assert.Equal(100, quantiles[100], 9);
    }

    [Fact]
    public void Compute_IgnoresScoresThatAreNotFinite()
    {
        var quantiles = ScoreQuantiles.Compute([double.NaN, 1, 3, double.PositiveInfinity], 3);

        Assert.Equal([1.0, 2.0, 3.0], quantiles);
    }

    [Fact]
    public void Percentile_InterpolatesBetweenQuantiles_AndTakesTheLastOfTies()
    {
        double[] quantiles = [0, 1, 1, 1, 2];

        Assert.Equal(12.5, ScoreQuantiles.Percentile(quantiles, 0.5), 12);
        Assert.Equal(75, ScoreQuantiles.Percentile(quantiles, 1), 12);
        Assert.Equal(87.5, ScoreQuantiles.Percentile(quantiles, 1.5), 12);
        Assert.Equal(0, ScoreQuantiles.Percentile(quantiles, -1));
        Assert.Equal(100, ScoreQuantiles.Percentile(quantiles, 2));
        Assert.True(double.IsNaN(ScoreQuantiles.Percentile(quantiles, double.NaN)));
    }
}
