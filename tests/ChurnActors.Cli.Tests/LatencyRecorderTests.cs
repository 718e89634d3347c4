using ChurnActors.LoadTools.Metrics;

namespace ChurnActors.Cli.Tests;

public sealed class LatencyRecorderTests
{
    /// <summary>The histogram keeps three significant digits: a reported value is within 0.1 % of the exact one.</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.001, $"expected {expected} within 0.1 %, got {actual}");

    [Fact]
    public void Summarize_ReturnsNearestRankPercentiles_ForOneToHundred()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in Enumerable.Range(1, 100).Reverse())
        {
            recorder.RecordMilliseconds(ms);
        }

        var summary = recorder.Summarize();

        Assert.Equal(100, summary.Count);
        AssertClose(50, summary.P50);
        AssertClose(90, summary.P90);
        AssertClose(99, summary.P99);
        AssertClose(100, summary.Max);
    }

    [Fact]
    public void Summarize_ReturnsZeros_WhenNothingRecorded()
    {
        Assert.Equal(default, new LatencyRecorder().Summarize());
        Assert.Equal(0, new LatencyRecorder().PercentileOf(99.9));
    }

    [Fact]
    public void Summarize_ReturnsTheOnlySample_ForEveryPercentile()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(TimeSpan.FromMilliseconds(7.5));

        var summary = recorder.Summarize();

        Assert.Equal(1, summary.Count);
        foreach (var value in new[] { summary.P50, summary.P90, summary.P99, summary.Max })
        {
            AssertClose(7.5, value);
        }
    }

    [Fact]
    public void PercentileOf_RoundsRankUp_ForSmallSampleSets()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in new[] { 10, 20, 30, 40 })
        {
            recorder.RecordMilliseconds(ms);
        }

        AssertClose(20, recorder.PercentileOf(50));
        AssertClose(40, recorder.PercentileOf(90));
        AssertClose(10, recorder.PercentileOf(1));
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
        AssertClose(2, summary.P99);
        AssertClose(500, summary.Max);
        AssertClose(500, recorder.PercentileOf(99.9));
    }

    [Fact]
    public void Record_KeepsEverySample_FromConcurrentSenders()
    {
        var recorder = new LatencyRecorder();

        Parallel.For(0, 10_000, i => recorder.RecordMilliseconds(1 + (i % 10)));

        Assert.Equal(10_000, recorder.Count);
        AssertClose(10, recorder.Summarize().Max);
    }

    [Fact]
    public void Summarize_KeepsTheMaximumExactly_AndNoPercentileAboveIt()
    {
        var recorder = new LatencyRecorder();
        recorder.RecordMilliseconds(42.783);
        recorder.RecordMilliseconds(3);

        var summary = recorder.Summarize();

        Assert.Equal(42.783, summary.Max);
        Assert.Equal(42.783, recorder.PercentileOf(99.9));
        Assert.True(summary.P99 <= summary.Max, $"p99 {summary.P99} above max {summary.Max}");
    }

    [Fact]
    public void RecordMilliseconds_RejectsNegativeLatency()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyRecorder().RecordMilliseconds(-1));
    }
}
