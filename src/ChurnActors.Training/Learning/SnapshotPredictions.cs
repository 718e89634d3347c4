using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Training.Learning;

/// <summary>
/// Scores rows with an exported snapshot through the engine's own scorer, exactly as a grain would: a linear model
/// gets its reference value for a missing feature (as <c>TrainedChurnModel</c> does), trees route missing values.
/// </summary>
public static class SnapshotPredictions
{
    /// <summary>The calibrated churn probability of each row.</summary>
    public static double[] Probabilities(ModelSnapshot snapshot, IReadOnlyList<PointInTimeRow> rows)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rows);
        var scorer = ModelScorer.Create(snapshot);
        var missingAs = snapshot.Linear?.Reference;
        var probabilities = new double[rows.Count];

        // The scorer is read-only and shared, as by a silo's grains: score blocks of rows in parallel.
        const int Block = 8_192;
        Parallel.For(0, (rows.Count + Block - 1) / Block, block =>
        {
            var buffer = new float[scorer.FeatureCount];
            var end = Math.Min(rows.Count, (block + 1) * Block);
            for (var i = block * Block; i < end; i++)
            {
                rows[i].Features.AsSpan(0, buffer.Length).CopyTo(buffer);
                if (missingAs is not null)
                {
                    for (var f = 0; f < buffer.Length; f++)
                    {
                        if (float.IsNaN(buffer[f]))
                        {
                            buffer[f] = (float)missingAs[f];
                        }
                    }
                }

                probabilities[i] = scorer.Probability(buffer);
            }
        });

        return probabilities;
    }

    /// <summary>
    /// The churn probability of each row as the engine gives it with a lifetime fit at hand: the classifier's, blended
    /// with <paramref name="lifetime"/>'s P(no purchase within the snapshot's horizon) when the snapshot carries a
    /// <see cref="LifetimeBlend"/>.
    /// </summary>
    public static double[] Probabilities(ModelSnapshot snapshot, IReadOnlyList<PointInTimeRow> rows, BgNbdParameters lifetime)
    {
        var probabilities = Probabilities(snapshot, rows);
        if (snapshot.Lifetime is { } blend && snapshot.HorizonDays is { } horizon)
        {
            for (var i = 0; i < probabilities.Length; i++)
            {
                probabilities[i] = blend.Probability(probabilities[i], lifetime.ProbabilityNoPurchase(rows[i].Purchases, horizon));
            }
        }

        return probabilities;
    }
}
