using ChurnActors.Retention.Statistics;

namespace ChurnActors.Retention.Tests.Statistics;

public sealed class ArmComparerTests
{
    private const double Z975 = 1.9599639845400536;

    [Fact]
    public void Compare_GivesRatesLiftIntervalAndPValue_ForBinaryArms()
    {
        // Treatment 30/100, control 20/100: Δ = 0.30 − 0.20 = 0.10.
        // Unpooled SE = √(0.3·0.7/100 + 0.2·0.8/100) = √0.0037 = 0.0608276253; 95 % CI = 0.10 ± 1.959964·0.0608276
        // = (−0.0192200, 0.2192200).
        // Pooled p̄ = 50/200 = 0.25, SE₀ = √(0.25·0.75·(1/100 + 1/100)) = √0.00375 = 0.0612372; z = 1.6329932;
        // p = 2·Q(1.6329932) = 2·0.0512352 = 0.1024704.
        var comparison = ArmComparer.Compare(Binary(100, 30), Binary(100, 20));

        Assert.Equal(100, comparison.Treatment.Customers);
        Assert.Equal(30, comparison.Treatment.Successes);
        Assert.Equal(0.30, comparison.Treatment.Rate, 12);
        Assert.Equal(0.20, comparison.Control.Rate, 12);
        Assert.Equal(0.10, comparison.Lift.Value, 12);
        Assert.Equal(0.0608276253029822, comparison.Lift.StandardError, 12);
        Assert.Equal(-0.019219954858942373, comparison.Lift.Low, 10);
        Assert.Equal(0.21921995485894238, comparison.Lift.High, 10);
        Assert.Equal(0.10247043485974938, comparison.Lift.PValue, 10);
    }

    [Fact]
    public void Compare_GivesRelativeLiftWithLogRatioInterval_ForBinaryArms()
    {
        // Δ / p_C = 0.10 / 0.20 = 0.5. ln(0.3/0.2) = 0.4054651; SE of the log ratio
        // = √(0.0021/0.3² + 0.0016/0.2²) = √(0.0233333 + 0.04) = 0.2516611;
        // interval exp(0.4054651 ± 1.959964·0.2516611) − 1 = (−0.0840392, 1.4564369).
        var comparison = ArmComparer.Compare(Binary(100, 30), Binary(100, 20));

        Assert.Equal(0.5, comparison.RelativeLift.Value, 12);
        Assert.Equal(-0.08403917067763378, comparison.RelativeLift.Low, 10);
        Assert.Equal(1.4564369217235686, comparison.RelativeLift.High, 10);
    }

    [Fact]
    public void Compare_ScalesLiftToIncrementalCustomers_OverTheTreatedArm()
    {
        // 0.10 × 100 treated = 10 customers retained by the action, interval (−1.92200, 21.92200).
        var comparison = ArmComparer.Compare(Binary(100, 30), Binary(100, 20));

        Assert.Equal(10, comparison.IncrementalCustomers.Value, 10);
        Assert.Equal(-1.9219954858942373, comparison.IncrementalCustomers.Low, 9);
        Assert.Equal(21.921995485894238, comparison.IncrementalCustomers.High, 9);
    }

    [Fact]
    public void Compare_GivesRevenueLiftWithWelchInterval_AndIncrementalRevenue()
    {
        // Revenue T = 10, 20, 30, 40 (mean 25, s² = 500/3 = 166.667); C = 5, 15, 20, 30 (mean 17.5, s² = 325/3 = 108.333).
        // Δ = 7.5, Welch SE = √(166.667/4 + 108.333/4) = √68.75 = 8.2915620; CI 7.5 ± 1.959964·8.2915620
        // = (−8.7511628, 23.7511628); p = 2·Q(7.5/8.2915620) = 0.3657123. Incremental revenue = 7.5 × 4 = 30.
        var comparison = ArmComparer.Compare(Treatment(), Control());

        Assert.Equal(25, comparison.Treatment.RevenuePerCustomer, 12);
        Assert.Equal(100, comparison.Treatment.Revenue, 12);
        Assert.Equal(17.5, comparison.Control.RevenuePerCustomer, 12);
        Assert.Equal(7.5, comparison.RevenueLift.Value, 12);
        Assert.Equal(8.2915619758885, comparison.RevenueLift.StandardError, 10);
        Assert.Equal(-8.751162848323226, comparison.RevenueLift.Low, 9);
        Assert.Equal(23.751162848323226, comparison.RevenueLift.High, 9);
        Assert.Equal(0.36571229628151336, comparison.RevenueLift.PValue, 9);
        Assert.Equal(30, comparison.IncrementalRevenue.Value, 10);
        Assert.Equal(-8.751162848323226 * 4, comparison.IncrementalRevenue.Low, 8);
    }

    [Fact]
    public void Compare_NarrowsRevenueInterval_WithCupedOnACorrelatedCovariate()
    {
        // Covariate X: T = 5, 15, 20, 30 (mean 17.5); C = 5, 10, 20, 25 (mean 15); over all 8: X̄ = 16.25,
        // var(X) = 587.5/7 = 83.929, cov(Y, X) = 712.5/7 = 101.786, so θ = 712.5/587.5 = 57/47 = 1.2127660.
        // Adjusted lift = (25 − 17.5) − θ·(17.5 − 15) = 7.5 − 3.0319149 = 4.4680851.
        // Y′ = Y − θ(X − 16.25): T = 23.5106, 21.3830, 25.3191, 23.1915 (s² = 2.7588); C = 18.5106, 22.4468, 15.3191,
        // 19.2553 (s² = 8.4002); Welch SE = √(2.7588/4 + 8.4002/4) = 1.6702466; CI (1.1944618, 7.7417084),
        // p = 2·Q(4.4680851/1.6702466) = 0.0074706. Variance reduction = cov²/(var(Y)·var(X))
        // = 101.786²/(133.929·83.929) = 0.9217021.
        var cuped = ArmComparer.Compare(Treatment(), Control()).Cuped;

        Assert.Equal(57.0 / 47.0, cuped.Theta, 12);
        Assert.Equal(4.468085106382979, cuped.Lift.Value, 10);
        Assert.Equal(1.6702466455433602, cuped.Lift.StandardError, 10);
        Assert.Equal(1.194461835819156, cuped.Lift.Low, 9);
        Assert.Equal(7.741708376946802, cuped.Lift.High, 9);
        Assert.Equal(0.007470585484522783, cuped.Lift.PValue, 10);
        Assert.Equal(0.9217021276595745, cuped.VarianceReduction, 10);
        Assert.Equal(4.468085106382979 * 4, cuped.IncrementalRevenue.Value, 9);
    }

    [Fact]
    public void Compare_LeavesRevenueUnadjusted_WhenTheCovariateDoesNotVary()
    {
        var treatment = new ArmAccumulator();
        var control = new ArmAccumulator();
        foreach (var revenue in new[] { 10.0, 20, 30 })
        {
            treatment.Add(1, revenue, 0);
            control.Add(0, revenue / 2, 0);
        }

        var comparison = ArmComparer.Compare(treatment, control);

        Assert.Equal(0, comparison.Cuped.Theta);
        Assert.Equal(comparison.RevenueLift, comparison.Cuped.Lift);
        Assert.Equal(0, comparison.Cuped.VarianceReduction);
    }

    [Fact]
    public void Compare_CountsPendingCustomersApart_NotAsFailures()
    {
        var treatment = Binary(100, 30);
        treatment.AddPending(25);
        var control = Binary(100, 20);
        control.AddPending();

        var comparison = ArmComparer.Compare(treatment, control);

        Assert.Equal(25, comparison.Treatment.Pending);
        Assert.Equal(1, comparison.Control.Pending);
        Assert.Equal(100, comparison.Treatment.Customers);
        Assert.Equal(0.30, comparison.Treatment.Rate, 12);
        Assert.Equal(0.10247043485974938, comparison.Lift.PValue, 10);
    }

    [Fact]
    public void Compare_UsesWelchForMeanOutcomes()
    {
        // The outcome is the revenue itself: the lift equals the Welch revenue lift, and the relative lift is
        // 25/17.5 − 1 = 0.4285714 with log-ratio SE √(41.667/25² + 27.083/17.5²) = 0.3298485.
        var treatment = new ArmAccumulator();
        var control = new ArmAccumulator();
        foreach (var revenue in new[] { 10.0, 20, 30, 40 })
        {
            treatment.Add(revenue, revenue, 0);
        }

        foreach (var revenue in new[] { 5.0, 15, 20, 30 })
        {
            control.Add(revenue, revenue, 0);
        }

        var comparison = ArmComparer.Compare(treatment, control, OutcomeKind.Mean);

        Assert.Equal(25, comparison.Treatment.Rate, 12);
        Assert.Equal(7.5, comparison.Lift.Value, 12);
        Assert.Equal(8.2915619758885, comparison.Lift.StandardError, 10);
        Assert.Equal(0.36571229628151336, comparison.Lift.PValue, 9);
        Assert.Equal(25 / 17.5 - 1, comparison.RelativeLift.Value, 12);
        var logSe = Math.Sqrt((500.0 / 3 / 4 / (25 * 25)) + (325.0 / 3 / 4 / (17.5 * 17.5)));
        Assert.Equal(Math.Exp(Math.Log(25 / 17.5) - (Z975 * logSe)) - 1, comparison.RelativeLift.Low, 10);
    }

    [Fact]
    public void Compare_RefusesBinaryComparison_OfNonBinaryOutcomes()
    {
        var treatment = new ArmAccumulator();
        treatment.Add(2.5, 0, 0);

        var error = Assert.Throws<ArgumentException>(() => ArmComparer.Compare(treatment, Binary(10, 1)));

        Assert.Contains("0 or 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_GivesNaN_ForAnArmWithoutCustomers()
    {
        var comparison = ArmComparer.Compare(Binary(10, 2), new ArmAccumulator());

        Assert.Equal(0.2, comparison.Treatment.Rate, 12);
        Assert.True(double.IsNaN(comparison.Control.Rate));
        Assert.True(double.IsNaN(comparison.Lift.Value));
        Assert.True(double.IsNaN(comparison.Lift.PValue));
        Assert.True(double.IsNaN(comparison.RelativeLift.Value));
    }

    [Fact]
    public void Compare_GivesPValueOne_WhenNeitherArmHasASuccess()
    {
        var comparison = ArmComparer.Compare(Binary(50, 0), Binary(50, 0));

        Assert.Equal(0, comparison.Lift.Value);
        Assert.Equal(1, comparison.Lift.PValue);
        Assert.True(double.IsNaN(comparison.RelativeLift.Value));
    }

    [Fact]
    public void Combine_MatchesAddingEveryCustomerToOneArm()
    {
        var together = new ArmAccumulator();
        foreach (var (y, x) in TreatmentRows.Concat(ControlRows))
        {
            together.Add(y > 20 ? 1 : 0, y, x);
        }

        var combined = ArmAccumulator.Combine(Treatment(), Control());

        Assert.Equal(together.Customers, combined.Customers);
        Assert.Equal(together.OutcomeMean, combined.OutcomeMean, 12);
        Assert.Equal(together.OutcomeVariance, combined.OutcomeVariance, 12);
        Assert.Equal(together.RevenueVariance, combined.RevenueVariance, 10);
        Assert.Equal(together.CovariateVariance, combined.CovariateVariance, 10);
        Assert.Equal(together.RevenueCovariateCovariance, combined.RevenueCovariateCovariance, 10);
        Assert.Equal(133.92857142857142, combined.RevenueVariance, 10);
    }

    [Fact]
    public void FromSums_GivesTheSameComparison_AsAddingEveryCustomer()
    {
        // Treatment sums: rows with revenue above 20 succeed (30, 40: Σy = Σy² = 2), Σr = 100, Σr² = 3,000,
        // Σx = 70, Σx² = 1,550, Σrx = 2,150. Control: Σy = 1, Σr = 70, Σr² = 1,550, Σx = 60, Σx² = 1,150, Σrx = 1,325.
        var treatment = ArmAccumulator.FromSums(4, 3, binary: true, new ArmSums(2, 2, 100, 3000, 70, 1550, 2150));
        var control = ArmAccumulator.FromSums(4, 0, binary: true, new ArmSums(1, 1, 70, 1550, 60, 1150, 1325));

        var fromSums = ArmComparer.Compare(treatment, control);
        var fromCustomers = ArmComparer.Compare(Treatment(), Control());

        Assert.Equal(3, fromSums.Treatment.Pending);
        Assert.Equal(fromCustomers.Lift.Value, fromSums.Lift.Value, 12);
        Assert.Equal(fromCustomers.Lift.PValue, fromSums.Lift.PValue, 12);
        Assert.Equal(fromCustomers.RevenueLift.StandardError, fromSums.RevenueLift.StandardError, 10);
        Assert.Equal(fromCustomers.Cuped.Theta, fromSums.Cuped.Theta, 12);
        Assert.Equal(fromCustomers.Cuped.Lift.StandardError, fromSums.Cuped.Lift.StandardError, 10);
        Assert.Equal(fromCustomers.Cuped.VarianceReduction, fromSums.Cuped.VarianceReduction, 12);
    }

    private static readonly (double Revenue, double Covariate)[] TreatmentRows = [(10, 5), (20, 15), (30, 20), (40, 30)];
    private static readonly (double Revenue, double Covariate)[] ControlRows = [(5, 5), (15, 10), (20, 20), (30, 25)];

    private static ArmAccumulator Treatment() => Arm(TreatmentRows);

    private static ArmAccumulator Control() => Arm(ControlRows);

    private static ArmAccumulator Arm((double Revenue, double Covariate)[] rows)
    {
        var arm = new ArmAccumulator();
        foreach (var (revenue, covariate) in rows)
        {
            arm.Add(revenue > 20, revenue, covariate);
        }

        return arm;
    }

    private static ArmAccumulator Binary(int customers, int successes)
    {
        var arm = new ArmAccumulator();
        for (var i = 0; i < customers; i++)
        {
            arm.Add(i < successes, 0, 0);
        }

        return arm;
    }
}
