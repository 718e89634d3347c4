using HdrHistogram;

namespace ChurnActors.Grains.Metrics;

/// <summary>
/// The samples of a <see cref="LatencyRecorder"/> at one moment, in microseconds. Percentiles are HdrHistogram's
/// (the highest value equivalent to the sample at that rank), never above the largest sample.
/// </summary>
public sealed class LatencySnapshot
{
    private readonly HistogramBase _histogram;

    internal LatencySnapshot(HistogramBase histogram)
    {
        _histogram = histogram;
        Count = histogram.TotalCount;
        Max = Count == 0 ? 0 : histogram.GetMaxValue();
        Mean = Count == 0 ? 0 : histogram.GetMean();
    }

    /// <summary>Samples recorded.</summary>
    public long Count { get; }

    /// <summary>The largest sample, in microseconds (within the recorder's precision).</summary>
    public long Max { get; }

    /// <summary>The mean, in microseconds (within the recorder's precision).</summary>
    public double Mean { get; }

    /// <summary>The <paramref name="percentile"/>th percentile (0 &lt; p ≤ 100) in microseconds; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        return Count == 0 ? 0 : Math.Min(_histogram.GetValueAtPercentile(percentile), Max);
    }
}
