namespace ChurnActors.Retention.Statistics;

/// <summary>
/// A treatment arm measured against its control arm: the arms' figures, the lift of the outcome, the revenue lift
/// plain and CUPED-adjusted, and what they add up to over the treated customers. The formulas are in
/// <see cref="ArmComparer"/>.
/// </summary>
/// <param name="Kind">How the outcome was compared.</param>
/// <param name="Confidence">The confidence level of every interval (0.95).</param>
/// <param name="Treatment">The treatment arm.</param>
/// <param name="Control">The control arm.</param>
/// <param name="Lift">Treatment rate − control rate: Wald interval (unpooled), p-value of the pooled z-test (binary).</param>
/// <param name="RelativeLift">Lift / control rate, interval by the delta method on the log of the rate ratio.</param>
/// <param name="IncrementalCustomers">Lift × treatment customers (for a mean outcome: the outcome added in total).</param>
/// <param name="RevenueLift">Treatment − control revenue per customer, Welch's standard error.</param>
/// <param name="IncrementalRevenue">Revenue lift × treatment customers.</param>
/// <param name="Cuped">The CUPED-adjusted revenue lift.</param>
public sealed record ArmComparison(
    OutcomeKind Kind,
    double Confidence,
    ArmSummary Treatment,
    ArmSummary Control,
    Difference Lift,
    Interval RelativeLift,
    Interval IncrementalCustomers,
    Difference RevenueLift,
    Interval IncrementalRevenue,
    CupedLift Cuped);
