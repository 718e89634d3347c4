namespace ChurnActors.LoadTools.Metrics;

/// <summary>
/// Collects latency samples from concurrent senders and summarises them with nearest-rank percentiles
/// (the smallest sample such that at least p% of samples are less than or equal to it). Keeps every sample:
/// one per request, which stays small for load-test sizes.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<double> samples = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return samples.Count;
            }
        }
    }

    public void Record(TimeSpan latency) => RecordMilliseconds(latency.TotalMilliseconds);

    public void RecordMilliseconds(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(milliseconds), milliseconds, "Latency must be a non-negative number.");
        }

        lock (gate)
        {
            samples.Add(milliseconds);
        }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. samples];
        }

        if (sorted.Length == 0)
        {
            return default;
        }

        Array.Sort(sorted);
        return new LatencySummary(
            sorted.Length,
            Percentile(sorted, 50),
            Percentile(sorted, 90),
            Percentile(sorted, 99),
            sorted[^1]);
    }

    /// <summary>The nearest-rank <paramref name="percentile"/> of the samples so far (0 when there are none).</summary>
    public double PercentileOf(double percentile)
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. samples];
        }

        if (sorted.Length == 0)
        {
            return 0;
        }

        Array.Sort(sorted);
        return Percentile(sorted, percentile);
    }

    /// <summary>Nearest-rank percentile of an ascending, non-empty list.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No samples.", nameof(sorted));
        }

        if (percentile is <= 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "Percentile must be in (0, 100].");
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
