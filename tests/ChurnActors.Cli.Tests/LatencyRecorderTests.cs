using ChurnActors.LoadTools.Metrics;

namespace ChurnActors.Cli.Tests;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Summarize_ReturnsNearestRankPercentiles_ForOneToHundred()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            recorder.RecordMilliseconds(ms);
        }

        var summary = recorder.Summarize();

        Assert.Equal(new LatencySummary(100, 50, 90, 99, 100), summary);
    }

    [Fact]
    public void Summarize_ReturnsZeros_WhenNothingRecorded()
    {
        Assert.Equal(default, new LatencyRecorder().Summarize());
    }

    [Fact]
    public void Summarize_ReturnsTheOnlySample_ForEveryPercentile()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromMilliseconds(7.5));

        Assert.Equal(new LatencySummary(1, 7.5, 7.5, 7.5, 7.5), recorder.Summarize());
    }

    [Fact]
    public void Percentile_RoundsRankUp_ForSmallSampleSets()
    {
        double[] sorted = [10, 20, 30, 40];

        Assert.Equal(20, LatencyRecorder.Percentile(sorted, 50));
        Assert.Equal(40, LatencyRecorder.Percentile(sorted, 90));
        Assert.Equal(10, LatencyRecorder.Percentile(sorted, 1));
    }

    [Fact]
    public void Summarize_ShowsTheTail_WhenOneRequestInHundredIsSlow()
    {
        var recorder = new LatencyRecorder();
        for (var i = 0; i < 99; i++)
        {
            recorder.RecordMilliseconds(2);
        }

        recorder.RecordMilliseconds(500);

        var summary = recorder.Summarize();
        Assert.Equal(2, summary.P99);
        Assert.Equal(500, summary.Max);
    }

    [Fact]
    public void Record_KeepsEverySample_FromConcurrentSenders()
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, 10_000, i => recorder.RecordMilliseconds(i % 10));

        Assert.Equal(10_000, recorder.Count);
        Assert.Equal(9, recorder.Summarize().Max);
    }

    [Fact]
    public void RecordMilliseconds_RejectsNegativeLatency()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyRecorder().RecordMilliseconds(-1));
    }
}
