using ChurnActors.Grains.Metrics;

namespace ChurnActors.Grains.Tests;

/// <summary>The figures <c>/v1/admin/metrics</c> reports: count, mean, percentiles and max of commit-to-score latency.</summary>
public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentile_IsWithinOnePercentAboveTheExactValue_ForSpreadOutSamples()
    {
        var recorder = new LatencyRecorder();
        for (var value = 1; value <= 100_000; value++)
        {
            recorder.Record(value);
        }

        var snapshot = recorder.Snapshot();

        Assert.Equal(100_000, snapshot.Count);
        Assert.InRange(snapshot.Max, 100_000, 101_000);
        foreach (var (percentile, exact) in new[] { (50.0, 50_000L), (90.0, 90_000L), (99.0, 99_000L), (99.9, 99_900L) })
        {
            var reported = snapshot.Percentile(percentile);
            Assert.InRange(reported, exact, (long)(exact * 1.01));
        }

        Assert.InRange(snapshot.Mean, 50_000.5 * 0.99, 50_000.5 * 1.01);
    }

    [Fact]
    public void Percentile_IsExact_BelowTwoHundredFiftySixMicroseconds()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(3, count: 98);
        recorder.Record(TimeSpan.FromMicroseconds(250), count: 2);

        var snapshot = recorder.Snapshot();

        Assert.Equal(3, snapshot.Percentile(50));
        Assert.Equal(3, snapshot.Percentile(98));
        Assert.Equal(250, snapshot.Percentile(99));
        Assert.Equal(250, snapshot.Percentile(100));
        Assert.Equal(250, snapshot.Max);
    }

    [Fact]
    public void Percentile_NeverExceedsTheLargestSample()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(1_000_001);

        var snapshot = recorder.Snapshot();

        Assert.Equal(snapshot.Max, snapshot.Percentile(99.9));
        Assert.InRange(snapshot.Max, 1_000_001, 1_010_000);
    }

    [Fact]
    public async Task Record_KeepsEverySample_FromManyThreadsAtOnce()
    {
        var recorder = new LatencyRecorder();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                recorder.Record(i % 5_000);
            }
        })));

        var snapshot = recorder.Snapshot();
        Assert.Equal(400_000, snapshot.Count);
        Assert.InRange(snapshot.Max, 4_999, 5_049);
    }

    [Fact]
    public void Snapshot_CountsEverySampleSinceTheStart_WhenTakenRepeatedly()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(100, count: 5);
        Assert.Equal(5, recorder.Snapshot().Count);

        recorder.Record(200, count: 5);

        var snapshot = recorder.Snapshot();
        Assert.Equal(10, snapshot.Count);
        Assert.Equal(100, snapshot.Percentile(50));
        Assert.Equal(200, snapshot.Max);
    }

    [Fact]
    public void Reset_ForgetsEverySample()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(5_000, count: 10);
        recorder.Snapshot();

        recorder.Reset();

        var snapshot = recorder.Snapshot();
        Assert.Equal(0, snapshot.Count);
        Assert.Equal(0, snapshot.Percentile(99));
        Assert.Equal(0, snapshot.Max);
    }

    [Fact]
    public void Record_CountsNegativeValuesAsZero_AndValuesBeyondADayAsADay()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(-5);
        recorder.Record(long.MaxValue / 2);

        var snapshot = recorder.Snapshot();

        Assert.Equal(0, snapshot.Percentile(50));
        Assert.InRange(snapshot.Percentile(100), LatencyRecorder.HighestTrackable, (long)(LatencyRecorder.HighestTrackable * 1.01));
    }
}
