namespace ChurnActors.Grains.Metrics;

/// <summary>
/// The counts of a <see cref="LatencyHistogram"/> at one moment. Percentiles are nearest-rank: the highest value of
/// the bucket that holds the sample of rank ceil(p/100 · count), never above the largest recorded value.
/// </summary>
public sealed class LatencySnapshot
{
    private readonly long[] _counts;

    internal LatencySnapshot(long[] counts, long sum, long max)
    {
        _counts = counts;
        Count = counts.Sum();
        Max = max;
        Mean = Count == 0 ? 0 : (double)sum / Count;
    }

    /// <summary>Samples recorded.</summary>
    public long Count { get; }

    /// <summary>The largest sample, in microseconds.</summary>
    public long Max { get; }

    /// <summary>The mean, in microseconds.</summary>
    public double Mean { get; }

    /// <summary>The <paramref name="percentile"/>th percentile (0 &lt; p ≤ 100) in microseconds; 0 when empty.</summary>
    public long Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(LatencyHistogram.HighestIn(i), Max);
            }
        }

        return Max;
    }
}
