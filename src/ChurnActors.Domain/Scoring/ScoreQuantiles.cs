namespace ChurnActors.Domain.Scoring;

/// <summary>
/// The quantile table of a score distribution and the percentile of a score within it. The table holds the
/// quantiles at evenly spaced levels 0, 1/(n-1), ..., 1 (so the first entry is the minimum and the last the maximum),
/// computed by linear interpolation between order statistics.
/// </summary>
public static class ScoreQuantiles
{
    /// <summary>The default table size: the minimum, the 99 percentiles and the maximum.</summary>
    public const int DefaultCount = 101;

    /// <summary>The <paramref name="count"/> evenly spaced quantiles of the finite values in <paramref name="scores"/>.</summary>
    public static double[] Compute(IEnumerable<double> scores, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        var sorted = scores.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No finite score to take quantiles of.", nameof(scores));
        }

        Array.Sort(sorted);
        var quantiles = new double[count];
        for (var i = 0; i < count; i++)
        {
            var position = (double)i / (count - 1) * (sorted.Length - 1);
            var lower = (int)Math.Floor(position);
            var upper = Math.Min(lower + 1, sorted.Length - 1);
            quantiles[i] = sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
        }

        return quantiles;
    }

    /// <summary>
    /// The percentile (0 to 100) of <paramref name="score"/>: the share of the population at or below it, interpolated
    /// linearly between the table's quantiles; 0 below the minimum, 100 at or above the maximum, NaN for NaN.
    /// </summary>
    public static double Percentile(ReadOnlySpan<double> quantiles, double score)
    {
        if (double.IsNaN(score))
        {
            return double.NaN;
        }

        // Number of table entries <= score (upper bound).
        int low = 0, high = quantiles.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (quantiles[middle] <= score)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (low == 0)
        {
            return 0;
        }

        if (low == quantiles.Length)
        {
            return 100;
        }

        var i = low - 1;
        var fraction = (score - quantiles[i]) / (quantiles[i + 1] - quantiles[i]);
        return (i + fraction) * 100.0 / (quantiles.Length - 1);
    }
}
