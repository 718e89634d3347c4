using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;

namespace ChurnActors.Training.Evaluation;

/// <summary>
/// Carries a churn probability from the horizon a model was trained for to another horizon, per customer, with the
/// odds ratio the shop's BG/NBD fit gives between the two: logit p(to) = logit p(from) + logit q(to) − logit q(from),
/// where q(h) is the customer's BG/NBD P(no purchase in h). The classifier's correction of the lifetime model at its
/// own horizon is kept, and the lifetime model supplies how the odds of no purchase shrink as the horizon grows.
/// Used when the evaluation labels look further ahead than the training labels could (a short history before the
/// evaluation cut-off); with equal horizons it changes nothing.
/// </summary>
public static class HorizonTransfer
{
    // Probabilities are kept inside [Bound, 1 − Bound] so the logits stay finite.
    private const double Bound = 1e-9;

    /// <summary>The probabilities for <paramref name="toDays"/>, one per row.</summary>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static double[] Apply(
        BgNbdParameters lifetime, IReadOnlyList<PointInTimeRow> rows, IReadOnlyList<double> probabilities, double fromDays, double toDays)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (rows.Count != probabilities.Count)
        {
            throw new ArgumentException($"{probabilities.Count} probabilities for {rows.Count} rows.", nameof(probabilities));
        }

        var result = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            result[i] = fromDays == toDays
                ? probabilities[i]
                : Carry(probabilities[i], lifetime.ProbabilityNoPurchase(rows[i].Purchases, fromDays), lifetime.ProbabilityNoPurchase(rows[i].Purchases, toDays));
        }

        return result;
    }

    /// <summary>p moved by the odds ratio between <paramref name="lifetimeTo"/> and <paramref name="lifetimeFrom"/>.</summary>
    public static double Carry(double probability, double lifetimeFrom, double lifetimeTo)
    {
        if (!(double.IsFinite(lifetimeFrom) && double.IsFinite(lifetimeTo)))
        {
            return probability;
        }

        var z = Logit(probability) + Logit(lifetimeTo) - Logit(lifetimeFrom);
        return 1 / (1 + Math.Exp(-z));
    }

    private static double Logit(double p)
    {
        var clamped = Math.Clamp(p, Bound, 1 - Bound);
        return Math.Log(clamped / (1 - clamped));
    }
}
