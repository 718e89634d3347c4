using ChurnActors.Grains.Metrics;

namespace ChurnActors.Grains.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_IsWithinTwoPercentAboveTheExactValue_ForSpreadOutSamples()
    {
        var histogram = new LatencyHistogram();
        for (var value = 1; value <= 100_000; value++)
        {
            histogram.Record(value);
        }

        var snapshot = histogram.Snapshot();

        Assert.Equal(100_000, snapshot.Count);
        Assert.Equal(100_000, snapshot.Max);
        foreach (var (percentile, exact) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            var reported = snapshot.Percentile(percentile);
            Assert.InRange(reported, exact, (long)(exact * 1.016));
        }

        Assert.Equal(50_000.5, snapshot.Mean, precision: 6);
    }

    [Fact]
    public void Percentile_IsExact_BelowOneHundredTwentyEightMicroseconds()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(3, count: 98);
        histogram.Record(TimeSpan.FromMicroseconds(120), count: 2);

        var snapshot = histogram.Snapshot();

        Assert.Equal(3, snapshot.Percentile(50));
        Assert.Equal(3, snapshot.Percentile(98));
        Assert.Equal(120, snapshot.Percentile(99));
        Assert.Equal(120, snapshot.Percentile(100));
    }

    [Fact]
    public void Percentile_NeverExceedsTheLargestSample()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1_000_001);

        Assert.Equal(1_000_001, histogram.Snapshot().Percentile(99.9));
    }

    [Fact]
    public async Task Record_KeepsEverySample_FromManyThreadsAtOnce()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                histogram.Record(i % 5_000);
            }
        })));

        var snapshot = histogram.Snapshot();
        Assert.Equal(400_000, snapshot.Count);
        Assert.Equal(4_999, snapshot.Max);
    }

    [Fact]
    public void Reset_ForgetsEverySample()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(5_000, count: 10);

        histogram.Reset();

        var snapshot = histogram.Snapshot();
        Assert.Equal(0, snapshot.Count);
        Assert.Equal(0, snapshot.Percentile(99));
        Assert.Equal(0, snapshot.Max);
    }

    [Fact]
    public void Record_CountsNegativeValuesAsZero_AndLargeValuesInTheLastBuckets()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue / 2);

        var snapshot = histogram.Snapshot();

        Assert.Equal(0, snapshot.Percentile(50));
        Assert.Equal(long.MaxValue / 2, snapshot.Percentile(100));
    }
}
