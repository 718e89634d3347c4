namespace ChurnActors.Domain.Scoring;

/// <summary>
/// How a trained classifier is combined with the shop's lifetime model: P(churn) = σ(w_m · logit p + w_l · logit q + c),
/// where p is the classifier's calibrated probability and q the customer's BG/NBD P(no purchase within the model's
/// horizon) from the shop's current lifetime fit. The lifetime fit is refitted on the whole shop as time passes, so it
/// brings the shop's present state (how many customers are recent, how often they buy) into a classifier trained on
/// earlier cut-offs. The weights are fitted by logistic regression on training-period rows the classifier did not learn
/// from. Without a lifetime fit the classifier's own p is the score.
/// </summary>
public sealed record LifetimeBlend
{
    // Probabilities are kept inside [Bound, 1 − Bound] so the logits stay finite.
    private const double Bound = 1e-9;

    /// <summary>w_m: the weight of the classifier's log-odds.</summary>
    public required double ModelWeight { get; init; }

    /// <summary>w_l: the weight of the lifetime model's log-odds.</summary>
    public required double LifetimeWeight { get; init; }

    /// <summary>c.</summary>
    public required double Intercept { get; init; }

    /// <summary>
    /// Ascending quantiles of the blended probability over the training rows (as <see cref="ModelSnapshot.ScoreQuantiles"/>
    /// are of the raw score), for percentiles.
    /// </summary>
    public required double[] ProbabilityQuantiles { get; init; }

    /// <summary>The blended P(churn) from the classifier's <paramref name="model"/> and the lifetime model's <paramref name="lifetime"/>.</summary>
    public double Probability(double model, double lifetime)
    {
        var z = (ModelWeight * Logit(model)) + (LifetimeWeight * Logit(lifetime)) + Intercept;
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>ln(p / (1 − p)) with p kept inside [1e-9, 1 − 1e-9].</summary>
    public static double Logit(double probability)
    {
        var p = Math.Clamp(probability, Bound, 1 - Bound);
        return Math.Log(p / (1 - p));
    }
}
