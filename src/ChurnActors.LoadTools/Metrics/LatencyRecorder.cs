using HdrHistogram;

namespace ChurnActors.LoadTools.Metrics;

/// <summary>
/// Collects latency samples from concurrent senders in an HdrHistogram (microseconds, three significant digits, so
/// every percentile is within 0.1 % of the exact one) and summarises them. The maximum is kept exactly, to the
/// microsecond, so it matches a latency log's slowest request; a percentile never exceeds it. Recording takes no lock
/// and allocates nothing, so the senders' hot path stays cheap however many requests a run makes.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 3_600_000_000;

    private readonly LongConcurrentHistogram _histogram = new(1, HighestMicroseconds, 3);
    private long _maxMicroseconds;

    public int Count => (int)Math.Min(int.MaxValue, _histogram.TotalCount);

    public void Record(TimeSpan latency) => RecordMilliseconds(latency.TotalMilliseconds);

    public void RecordMilliseconds(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "Latency must be a non-negative number.");
        }

        var microseconds = Math.Clamp((long)Math.Round(milliseconds * 1000), 1, HighestMicroseconds);
        _histogram.RecordValue(microseconds);
        var max = Interlocked.Read(ref _maxMicroseconds);
        while (microseconds > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicroseconds, microseconds, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public LatencySummary Summarize()
    {
        var snapshot = _histogram.Copy();
        if (snapshot.TotalCount == 0)
        {
            return default;
        }

        var max = Interlocked.Read(ref _maxMicroseconds);
        return new LatencySummary(
            (int)Math.Min(int.MaxValue, snapshot.TotalCount),
            Milliseconds(Math.Min(snapshot.GetValueAtPercentile(50), max)),
            Milliseconds(Math.Min(snapshot.GetValueAtPercentile(90), max)),
            Milliseconds(Math.Min(snapshot.GetValueAtPercentile(99), max)),
            Milliseconds(max));
    }

    /// <summary>The <paramref name="percentile"/> of the samples so far, in milliseconds (0 when there are none).</summary>
    public double PercentileOf(double percentile)
    {
        if (percentile is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Percentile must be in (0, 100].");
        }

        var snapshot = _histogram.Copy();
        return snapshot.TotalCount == 0 ? 0 : Milliseconds(Math.Min(snapshot.GetValueAtPercentile(percentile), Interlocked.Read(ref _maxMicroseconds)));
    }

    private static double Milliseconds(long microseconds) => microseconds / 1000.0;
}
