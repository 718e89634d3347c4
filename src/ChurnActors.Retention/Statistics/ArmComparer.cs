namespace ChurnActors.Retention.Statistics;

/// <summary>
/// Compares a treatment arm with its control arm. With n the customers, p the rate (mean outcome) of an arm and
/// z = Φ⁻¹(1 − α/2) (1.96 at 95 %); all tests and intervals are large-sample normal ones:
/// <list type="bullet">
/// <item>lift Δ = p_T − p_C with the unpooled Wald standard error √(p_T(1 − p_T)/n_T + p_C(1 − p_C)/n_C) for a binary
/// outcome (each arm's own variance: the interval is about a difference that need not be 0), Welch's
/// √(s_T²/n_T + s_C²/n_C) with sample variances for a mean; interval Δ ± z·SE;</item>
/// <item>p-value 2·Q(|Δ| / SE₀): for a binary outcome the two-proportion z-test, whose SE₀ pools the arms under the null
/// hypothesis of equal rates, p̄ = (x_T + x_C)/(n_T + n_C), SE₀ = √(p̄(1 − p̄)(1/n_T + 1/n_C)); for a mean, Welch's SE;</item>
/// <item>relative lift Δ / p_C = p_T/p_C − 1; interval exp(ln(p_T/p_C) ± z·√(SE_T²/p_T² + SE_C²/p_C²)) − 1 (delta method
/// on the log ratio, SE of each arm's mean as above; it stays above −1 and is asymmetric, as a ratio should be);</item>
/// <item>incremental customers Δ·n_T and incremental revenue (r_T − r_C)·n_T, with r the revenue per customer and the
/// interval of the difference (Welch) scaled by n_T;</item>
/// <item>CUPED: θ = cov(Y, X)/var(X) over both arms, Y′ = Y − θ(X − X̄) with X̄ the mean over both arms; the lift of Y′ is
/// (r_T − r_C) − θ(x̄_T − x̄_C) with Welch's SE from var(Y′) = var(Y) − 2θ cov(Y, X) + θ² var(X) in each arm; the
/// variance reduction is 1 − var(Y′)/var(Y) over both arms, which equals the squared correlation of Y and X.</item>
/// </list>
/// </summary>
public static class ArmComparer
{
    /// <summary>The confidence level of the intervals unless another is asked for.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>Compares the arms.</summary>
    /// <param name="treatment">The treatment arm.</param>
    /// <param name="control">The control arm.</param>
    /// <param name="kind">How to compare the outcome: <see cref="OutcomeKind.Binary"/> needs outcomes of 0 or 1.</param>
    /// <param name="confidence">The confidence level of the intervals, in (0, 1).</param>
    /// <exception cref="ArgumentException">A binary comparison of an arm with an outcome other than 0 or 1.</exception>
    public static ArmComparison Compare(ArmAccumulator treatment, ArmAccumulator control, OutcomeKind kind = OutcomeKind.Binary, double confidence = DefaultConfidence)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(control);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence level must be between 0 and 1");
        }

        if (kind == OutcomeKind.Binary && !(treatment.IsBinary && control.IsBinary))
        {
            throw new ArgumentException("a binary comparison needs outcomes of 0 or 1 in both arms; compare the means instead", nameof(kind));
        }

        var z = Normal.Quantile(1 - ((1 - confidence) / 2));
        double nT = treatment.Customers, nC = control.Customers;
        double pT = treatment.OutcomeMean, pC = control.OutcomeMean;
        var lift = pT - pC;

        double seT, seC, nullSe;
        if (kind == OutcomeKind.Binary)
        {
            seT = Math.Sqrt(pT * (1 - pT) / nT);
            seC = Math.Sqrt(pC * (1 - pC) / nC);
            var pooled = (treatment.OutcomeSum + control.OutcomeSum) / (nT + nC);
            nullSe = Math.Sqrt(pooled * (1 - pooled) * ((1 / nT) + (1 / nC)));
        }
        else
        {
            seT = Math.Sqrt(treatment.OutcomeVariance / nT);
            seC = Math.Sqrt(control.OutcomeVariance / nC);
            nullSe = Math.Sqrt((seT * seT) + (seC * seC));
        }

        var liftSe = Math.Sqrt((seT * seT) + (seC * seC));
        var liftDifference = new Difference(lift, liftSe, lift - (z * liftSe), lift + (z * liftSe), PValue(lift, nullSe));

        var revenueLift = Welch(
            treatment.RevenueMean - control.RevenueMean, treatment.RevenueVariance, nT, control.RevenueVariance, nC, z);

        return new ArmComparison(
            kind,
            confidence,
            Summary(treatment),
            Summary(control),
            liftDifference,
            RelativeLift(pT, seT, pC, seC, z),
            liftDifference.ToInterval().Scale(nT),
            revenueLift,
            revenueLift.ToInterval().Scale(nT),
            Cuped(treatment, control, z));
    }

    private static ArmSummary Summary(ArmAccumulator arm) =>
        new(arm.Customers, arm.Pending, arm.OutcomeSum, arm.OutcomeMean, arm.RevenueSum, arm.RevenueMean);

    /// <summary>Two-sided p-value of a difference over its null standard error; 1 for no difference and no spread.</summary>
    private static double PValue(double difference, double nullSe)
    {
        if (double.IsNaN(difference) || double.IsNaN(nullSe))
        {
            return double.NaN;
        }

        if (nullSe == 0)
        {
            return difference == 0 ? 1 : 0;
        }

        return 2 * Normal.UpperTail(Math.Abs(difference) / nullSe);
    }

    private static Difference Welch(double difference, double varianceT, double nT, double varianceC, double nC, double z)
    {
        var se = Math.Sqrt((varianceT / nT) + (varianceC / nC));
        return new Difference(difference, se, difference - (z * se), difference + (z * se), PValue(difference, se));
    }

    private static Interval RelativeLift(double pT, double seT, double pC, double seC, double z)
    {
        var value = pC != 0 ? (pT / pC) - 1 : double.NaN;
        if (!(pT > 0 && pC > 0))
        {
            return new Interval(value, double.NaN, double.NaN);
        }

        var logRatio = Math.Log(pT / pC);
        var logSe = Math.Sqrt((seT * seT / (pT * pT)) + (seC * seC / (pC * pC)));
        return new Interval(value, Math.Exp(logRatio - (z * logSe)) - 1, Math.Exp(logRatio + (z * logSe)) - 1);
    }

    private static CupedLift Cuped(ArmAccumulator treatment, ArmAccumulator control, double z)
    {
        var all = ArmAccumulator.Combine(treatment, control);
        var covariateVariance = all.CovariateVariance;
        var theta = covariateVariance > 0 ? all.RevenueCovariateCovariance / covariateVariance : 0;
        var adjustedLift = treatment.RevenueMean - control.RevenueMean - (theta * (treatment.CovariateMean - control.CovariateMean));
        var lift = Welch(adjustedLift, AdjustedVariance(treatment, theta), treatment.Customers, AdjustedVariance(control, theta), control.Customers, z);
        var revenueVariance = all.RevenueVariance;
        var reduction = revenueVariance > 0 ? 1 - (AdjustedVariance(all, theta) / revenueVariance) : 0;
        return new CupedLift(theta, lift, lift.ToInterval().Scale(treatment.Customers), reduction);
    }

    /// <summary>var(Y − θX) = var(Y) − 2θ cov(Y, X) + θ² var(X), never below 0 (rounding).</summary>
    private static double AdjustedVariance(ArmAccumulator arm, double theta)
    {
        if (theta == 0)
        {
            return arm.RevenueVariance;
        }

        var variance = arm.RevenueVariance - (2 * theta * arm.RevenueCovariateCovariance) + (theta * theta * arm.CovariateVariance);
        return Math.Max(0, variance);
    }
}
