using ChurnActors.Training.Evaluation;

namespace ChurnActors.Training.Tests;

public sealed class BinaryMetricsTests
{
    // Four rows worked by hand: scores 0.1, 0.4, 0.35, 0.8 for outcomes no, no, yes, yes.
    private static readonly double[] Scores = [0.1, 0.4, 0.35, 0.8];
    private static readonly bool[] Churned = [false, false, true, true];

    [Fact]
    public void Compute_GivesTheHandComputedValues_ForFourRows()
    {
        var metrics = BinaryMetrics.Compute(Scores, Churned);

        Assert.Equal(0.75, metrics.Auc, 12); // 3 of the 4 (churned, retained) pairs ordered right
        Assert.Equal((1.0 + (2.0 / 3)) / 2, metrics.PrAuc, 12); // precision 1 at the first hit, 2/3 at the second
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.6) + Math.Log(0.35) + Math.Log(0.8)) / 4, metrics.LogLoss, 12);
        Assert.Equal((0.01 + 0.16 + 0.4225 + 0.04) / 4, metrics.Brier, 12);
        Assert.Equal(2, metrics.LiftTopDecile, 12); // the top row (of ceil(4/10) = 1) churned; base rate 1/2
        Assert.Equal(4, metrics.Rows);
        Assert.Equal(2, metrics.Positives);
    }

    [Fact]
    public void Compute_CountsTiedPairsHalf_InTheAuc()
    {
        // Churned 0.5 and 0.9, retained 0.5 and 0.2: the tied pair counts 1/2, the other three 1 each.
        var metrics = BinaryMetrics.Compute([0.5, 0.5, 0.2, 0.9], [true, false, false, true]);

        Assert.Equal(3.5 / 4, metrics.Auc, 12);
    }

    [Fact]
    public void Compute_TakesTiedScoresAsOneThreshold_InTheAveragePrecision()
    {
        // Top threshold 0.9 (one churned): recall 1/2 at precision 1; next threshold 0.5 (one of each): recall 1 at 2/3.
        var metrics = BinaryMetrics.Compute([0.9, 0.5, 0.5, 0.1], [true, true, false, false]);

        Assert.Equal((0.5 * 1) + (0.5 * (2.0 / 3)), metrics.PrAuc, 12);
    }

    [Fact]
    public void Compute_SharesTheLastPlacesOfTheTopDecileAmongTies()
    {
        // Ten rows, top decile = 1 row; the two best scores tie and one of them churned: 1/2 expected hit.
        double[] scores = [0.9, 0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
        bool[] churned = [true, false, true, false, false, false, false, false, false, false];

        var metrics = BinaryMetrics.Compute(scores, churned);

        Assert.Equal(0.5 / 0.2, metrics.LiftTopDecile, 12);
    }

    [Fact]
    public void Compute_ClipsCertainWrongProbabilities_InTheLogLoss()
    {
        var metrics = BinaryMetrics.Compute([0.0, 1.0], [true, false]);

        Assert.Equal(-Math.Log(BinaryMetrics.Epsilon), metrics.LogLoss, 2); // 1 - 1e-15 is not exact in binary
        Assert.Equal(1, metrics.Brier, 12);
    }

    [Fact]
    public void Compute_BinsTheCalibrationTableByPredictedProbability()
    {
        var metrics = BinaryMetrics.Compute([0.05, 0.08, 0.95, 1.0], [false, true, true, true]);

        Assert.Equal(10, metrics.Calibration.Count);
        var low = metrics.Calibration[0];
        Assert.Equal((2L, 0.065, 0.5), (low.Rows, Math.Round(low.MeanPredicted, 12), low.ObservedRate));
        var high = metrics.Calibration[9];
        Assert.Equal((2L, 0.975, 1.0), (high.Rows, Math.Round(high.MeanPredicted, 12), high.ObservedRate));
        Assert.All(metrics.Calibration.Skip(1).Take(8), bin => Assert.Equal(0, bin.Rows));
    }

    [Fact]
    public void Compute_GivesTheRowWeightedCalibrationError_OverTheTenBins()
    {
        // Bin 0-0.1: mean 0.065, observed 0.5; bin 0.9-1.0: mean 0.975, observed 1. (2·0.435 + 2·0.025) / 4.
        var metrics = BinaryMetrics.Compute([0.05, 0.08, 0.95, 1.0], [false, true, true, true]);

        Assert.Equal(0.23, metrics.Ece, 12);
    }

    [Fact]
    public void Compute_GivesNoCalibrationError_ForProbabilitiesThatMatchTheirBinsRates()
    {
        var metrics = BinaryMetrics.Compute([0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75], [true, false, false, false, true, true, true, false]);

        Assert.Equal(0, metrics.Ece, 12);
    }

    [Fact]
    public void Compute_RanksByScore_AndScoresProbabilitiesSeparately_WhenBothAreGiven()
    {
        // Recency-like scores in days with probabilities from a mapping: AUC from the days, Brier from the mapping.
        var metrics = BinaryMetrics.Compute([10, 200, 50, 400], [0.2, 0.6, 0.3, 0.9], [false, true, false, true]);

        Assert.Equal(1, metrics.Auc, 12);
        Assert.Equal((0.04 + 0.16 + 0.09 + 0.01) / 4, metrics.Brier, 12);
    }

    [Fact]
    public void Compute_ReportsNoAuc_WhenOnlyOneOutcomeOccurs()
    {
        var metrics = BinaryMetrics.Compute([0.2, 0.7], [true, true]);

        Assert.True(double.IsNaN(metrics.Auc));
    }
}
