using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class CustomerValueTests
{
    private static readonly BgNbdParameters Transactions = new(0.243, 4.414, 0.793, 2.426);
    private static readonly ParetoNbdParameters Pareto = new(0.553, 10.578, 0.606, 11.669);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly PurchaseSummary Customer = PurchaseSummary.WithSpend(2, 213 / 7.0, 272 / 7.0, 22.35);

    [Fact]
    public void Clv_IsMarginTimesExpectedSpendTimesExpectedPurchases_WithoutDiscounting()
    {
        var options = new ClvOptions(Horizon: 52, Margin: 0.3);

        var clv = CustomerValue.Clv(Transactions, Spend, Customer, options);

        var expected = 0.3 * Spend.ConditionalExpectedSpend(Customer) * Transactions.ExpectedPurchases(Customer, 52);
        Assert.Equal(expected, clv, 12);
    }

    [Fact]
    public void Clv_GrowsWithTheCustomersSpend()
    {
        var options = new ClvOptions(52);

        var low = CustomerValue.Clv(Transactions, Spend, Customer with { MeanSpend = 10 }, options);
        var high = CustomerValue.Clv(Transactions, Spend, Customer with { MeanSpend = 100 }, options);

        Assert.True(high > low);
    }

    [Fact]
    public void Clv_GrowsWithTheHorizon_AndShrinksWithDiscounting()
    {
        var year = CustomerValue.Clv(Pareto, Spend, Customer, new ClvOptions(52));
        var twoYears = CustomerValue.Clv(Pareto, Spend, Customer, new ClvOptions(104));
        var discounted = CustomerValue.Clv(Pareto, Spend, Customer, new ClvOptions(104, DiscountRate: 0.0019));

        Assert.True(twoYears > year);
        Assert.True(discounted < twoYears);
        Assert.True(discounted > year * 0.5);
    }

    [Fact]
    public void DiscountedPurchases_ApproachesTheContinuousDiscountIntegral_AsStepsGrow()
    {
        // With many steps the discounted sum converges; the default 12 steps are already within 0.1% of 1,000 steps.
        var options = new ClvOptions(260, DiscountRate: 0.002, Steps: 12);
        var coarse = CustomerValue.DiscountedPurchases(Transactions, Customer, options);
        var fine = CustomerValue.DiscountedPurchases(Transactions, Customer, options with { Steps = 1000 });

        Assert.True(Math.Abs(coarse - fine) <= 1e-3 * fine, $"12 steps {coarse}, 1,000 steps {fine}");
        Assert.True(fine < Transactions.ExpectedPurchases(Customer, 260));
    }

    [Fact]
    public void PerCustomerQuantities_DoNotAllocate()
    {
        var options = new ClvOptions(52, Margin: 0.3, DiscountRate: 0.0019);
        CustomerValue.Clv(Pareto, Spend, Customer, options);
        CustomerValue.Clv(Transactions, Spend, Customer, options);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = Transactions.ProbabilityAlive(Customer) + Pareto.ProbabilityAlive(Customer)
            + Transactions.MedianTimeToNextPurchase(Customer)
            + CustomerValue.Clv(Pareto, Spend, Customer, options) + CustomerValue.Clv(Transactions, Spend, Customer, options);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(double.IsFinite(sum));
        Assert.Equal(0, allocated);
    }
}
