using HdrHistogram;

namespace ChurnActors.Grains.Metrics;

/// <summary>
/// Latencies in microseconds, recorded from any number of threads at once, on an HdrHistogram
/// <see cref="Recorder"/>: recording is wait-free and allocates nothing, and a <see cref="Snapshot"/> never stalls it.
/// Two significant digits: values below 256 µs are exact, larger ones within 1% (the latency figures of
/// <c>/v1/admin/metrics</c> are read to the microsecond from milliseconds and up). Samples above
/// <see cref="HighestTrackable"/> count as that; negative ones as 0.
/// </summary>
public sealed class LatencyRecorder
{
    /// <summary>One day, in microseconds: the largest value told apart.</summary>
    public const long HighestTrackable = 86_400_000_000;

    private const int SignificantDigits = 2;

    private readonly Recorder _recorder = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1)
        .WithValuesUpTo(HighestTrackable)
        .WithPrecisionOf(SignificantDigits)
        .WithThreadSafeWrites()
        .WithThreadSafeReads()
        .Create();

    private readonly Lock _reading = new();

    /// <summary>Every sample since the last <see cref="Reset"/>: the recorder's intervals added up.</summary>
    private readonly HistogramBase _total = HistogramFactory.With64BitBucketSize()
        .WithValuesFrom(1)
        .WithValuesUpTo(HighestTrackable)
        .WithPrecisionOf(SignificantDigits)
        .Create();

    private HistogramBase? _interval;

    /// <summary>Records <paramref name="count"/> samples of <paramref name="microseconds"/> (a count below 1 records nothing).</summary>
    public void Record(long microseconds, long count = 1)
    {
        if (count > 0)
        {
            _recorder.RecordValueWithCount(Math.Clamp(microseconds, 0, HighestTrackable), count);
        }
    }

    /// <summary>Records a duration, rounded down to whole microseconds.</summary>
    public void Record(TimeSpan elapsed, long count = 1) => Record(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, count);

    /// <summary>Forgets every sample. A reset racing with recording may keep or drop the samples recorded at that moment.</summary>
    public void Reset()
    {
        lock (_reading)
        {
            _recorder.Reset();
            _total.Reset();
        }
    }

    /// <summary>A copy of every sample so far, to read percentiles from.</summary>
    public LatencySnapshot Snapshot()
    {
        lock (_reading)
        {
            _interval = _recorder.GetIntervalHistogram(_interval);
            _total.Add(_interval);
            return new LatencySnapshot(_total.Copy());
        }
    }
}
