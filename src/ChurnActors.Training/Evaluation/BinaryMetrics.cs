namespace ChurnActors.Training.Evaluation;

/// <summary>
/// The evaluation metrics of a binary churn scorer. Ranking metrics (AUC, PR-AUC, lift) use the score; probability
/// metrics (log loss, Brier, calibration) use the probability, which for a calibrated model is the score itself.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Probabilities are clipped to [Epsilon, 1 - Epsilon] for the log loss.</summary>
    public const double Epsilon = 1e-15;

    /// <summary>Bins of the calibration table.</summary>
    public const int CalibrationBins = 10;

    /// <summary>Computes every metric; <paramref name="probabilities"/> serve as the scores too.</summary>
    public static MetricSet Compute(IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned) =>
        Compute(probabilities, probabilities, churned);

    /// <summary>Computes every metric from ranking scores (higher: more likely churned) and probabilities.</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static MetricSet Compute(IReadOnlyList<double> scores, IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(churned);
        if (scores.Count != churned.Count || probabilities.Count != churned.Count)
        {
            throw new ArgumentException($"{scores.Count} scores and {probabilities.Count} probabilities for {churned.Count} outcomes.", nameof(scores));
        }

        var n = churned.Count;
        var positives = churned.Count(c => c);
        var order = Enumerable.Range(0, n).ToArray();
        var keys = scores.Select(s => double.IsNaN(s) ? double.NegativeInfinity : s).ToArray();
        Array.Sort(keys, order); // ascending score
        var calibration = Calibration(probabilities, churned);
        return new MetricSet(
            n,
            positives,
            Auc(keys, order, churned, positives),
            AveragePrecision(keys, order, churned, positives),
            LogLoss(probabilities, churned),
            Brier(probabilities, churned),
            LiftTopDecile(keys, order, churned, positives),
            calibration,
            ExpectedCalibrationError(calibration, n));
    }

    /// <summary>Mann-Whitney: (sum of the positives' ranks - P(P+1)/2) / (P·N), tied scores sharing their mean rank.</summary>
    private static double Auc(double[] sortedScores, int[] order, IReadOnlyList<bool> churned, long positives)
    {
        var negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = TieEnd(sortedScores, start);
            var meanRank = ((start + 1) + end) / 2.0; // ranks start..end-1 are 1-based start+1..end
            for (var i = start; i < end; i++)
            {
                if (churned[order[i]])
                {
                    rankSum += meanRank;
                }
            }

            start = end;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Σ over thresholds (from the highest score down, a group of tied scores being one threshold) of the recall gained
    /// times the precision at that threshold.
    /// </summary>
    private static double AveragePrecision(double[] sortedScores, int[] order, IReadOnlyList<bool> churned, long positives)
    {
        if (positives == 0)
        {
            return double.NaN;
        }

        double total = 0;
        long seen = 0, truePositives = 0;
        for (var end = order.Length; end > 0;)
        {
            var start = TieStart(sortedScores, end);
            long gained = 0;
            for (var i = start; i < end; i++)
            {
                gained += churned[order[i]] ? 1 : 0;
            }

            seen += end - start;
            truePositives += gained;
            total += gained / (double)positives * (truePositives / (double)seen);
            end = start;
        }

        return total;
    }

    /// <summary>
    /// The churn rate among the top ⌈n/10⌉ scores over the overall rate. Rows tied with the last row of the decile count
    /// in proportion to the places left for them (the expectation under a random order among ties).
    /// </summary>
    private static double LiftTopDecile(double[] sortedScores, int[] order, IReadOnlyList<bool> churned, long positives)
    {
        var n = order.Length;
        if (n == 0 || positives == 0)
        {
            return double.NaN;
        }

        var take = (int)Math.Ceiling(n / 10.0);
        double taken = 0, hits = 0;
        for (var end = n; end > 0 && taken < take;)
        {
            var start = TieStart(sortedScores, end);
            var size = end - start;
            var places = Math.Min(size, take - taken);
            long groupHits = 0;
            for (var i = start; i < end; i++)
            {
                groupHits += churned[order[i]] ? 1 : 0;
            }

            hits += groupHits * (places / size);
            taken += places;
            end = start;
        }

        return hits / taken / (positives / (double)n);
    }

    private static double LogLoss(IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned)
    {
        if (churned.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 0; i < churned.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], Epsilon, 1 - Epsilon);
            sum -= churned[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / churned.Count;
    }

    private static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned)
    {
        if (churned.Count == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (var i = 0; i < churned.Count; i++)
        {
            var error = probabilities[i] - (churned[i] ? 1 : 0);
            sum += error * error;
        }

        return sum / churned.Count;
    }

    /// <summary>Σ over non-empty bins of (rows / n) · |mean predicted − observed rate|.</summary>
    private static double ExpectedCalibrationError(CalibrationBin[] bins, int n)
    {
        if (n == 0)
        {
            return double.NaN;
        }

        var sum = 0.0;
        foreach (var bin in bins)
        {
            if (bin.Rows > 0)
            {
                sum += bin.Rows * Math.Abs(bin.MeanPredicted - bin.ObservedRate);
            }
        }

        return sum / n;
    }

    private static CalibrationBin[] Calibration(IReadOnlyList<double> probabilities, IReadOnlyList<bool> churned)
    {
        var rows = new long[CalibrationBins];
        var predicted = new double[CalibrationBins];
        var observed = new long[CalibrationBins];
        for (var i = 0; i < churned.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 0, 1);
            var bin = Math.Min(CalibrationBins - 1, (int)(p * CalibrationBins));
            rows[bin]++;
            predicted[bin] += p;
            observed[bin] += churned[i] ? 1 : 0;
        }

        return [.. Enumerable.Range(0, CalibrationBins).Select(b => new CalibrationBin(
            b / (double)CalibrationBins,
            (b + 1) / (double)CalibrationBins,
            rows[b],
            rows[b] > 0 ? predicted[b] / rows[b] : double.NaN,
            rows[b] > 0 ? observed[b] / (double)rows[b] : double.NaN))];
    }

    private static int TieEnd(double[] sorted, int start)
    {
        var end = start + 1;
        while (end < sorted.Length && sorted[end] == sorted[start])
        {
            end++;
        }

        return end;
    }

    private static int TieStart(double[] sorted, int end)
    {
        var start = end - 1;
        while (start > 0 && sorted[start - 1] == sorted[end - 1])
        {
            start--;
        }

        return start;
    }
}
