using System.Numerics;

namespace ChurnActors.Grains.Metrics;

/// <summary>
/// A latency histogram in the manner of HdrHistogram: microsecond values in log-linear buckets (exact below
/// 128 µs, then 64 buckets per power of two, so a reported value is within 1.6% above the true one), from any number
/// of threads at once without locks or allocation. Percentiles are read from a <see cref="Snapshot"/>.
/// A <see cref="Reset"/> racing with recording may keep or drop the samples recorded at that moment.
/// </summary>
public sealed class LatencyHistogram
{
    private const int LinearLimit = 128;
    private const int SubBuckets = 64;
    private const int SubBucketBits = 6;

    /// <summary>Buckets: 128 exact values, then 64 per doubling up to the largest <see cref="long"/>.</summary>
    internal const int BucketCount = LinearLimit + ((63 - SubBucketBits) * SubBuckets);

    private readonly long[] _counts = new long[BucketCount];
    private long _count;
    private long _sum;
    private long _max;

    /// <summary>Records <paramref name="count"/> samples of <paramref name="microseconds"/> (negative counts as 0).</summary>
    public void Record(long microseconds, long count = 1)
    {
        if (count <= 0)
        {
            return;
        }

        var value = Math.Max(0, microseconds);
        Interlocked.Add(ref _counts[IndexOf(value)], count);
        Interlocked.Add(ref _count, count);
        Interlocked.Add(ref _sum, value * count);
        var max = Volatile.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>Records a duration, rounded down to whole microseconds.</summary>
    public void Record(TimeSpan elapsed, long count = 1) => Record(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, count);

    /// <summary>Forgets every sample.</summary>
    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }

        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _sum, 0);
        Interlocked.Exchange(ref _max, 0);
    }

    /// <summary>A copy of the counts so far, to read percentiles from.</summary>
    public LatencySnapshot Snapshot()
    {
        var counts = new long[BucketCount];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        return new LatencySnapshot(counts, Volatile.Read(ref _sum), Volatile.Read(ref _max));
    }

    /// <summary>The bucket of a non-negative value.</summary>
    internal static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - SubBucketBits;
        var top = (int)(value >> shift); // 64..127
        return LinearLimit + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }

    /// <summary>The largest value that falls into bucket <paramref name="index"/>.</summary>
    internal static long HighestIn(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = ((index - LinearLimit) / SubBuckets) + 1;
        var top = (long)((index - LinearLimit) % SubBuckets) + SubBuckets;
        var next = (top + 1) << shift;
        return next <= 0 ? long.MaxValue : next - 1;
    }
}
