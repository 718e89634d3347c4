using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class ParetoNbdParametersTests
{
    // Fader, Hardie & Lee (2005) Pareto/NBD estimates on the CDNOW sample.
    private static readonly ParetoNbdParameters Cdnow = new(0.553, 10.578, 0.606, 11.669);

    private static readonly PurchaseSummary Customer4 = new(2, 213 / 7.0, 272 / 7.0);

    public static TheoryData<double, double, double, double, int, double, double> LikelihoodCases => new()
    {
        { 0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86 }, // alpha < beta
        { 0.553, 10.578, 0.606, 11.669, 0, 0, 38.86 },
        { 1.5, 15, 0.9, 5, 3, 12, 52 }, // alpha > beta
        { 1.5, 15, 0.9, 0.05, 0, 0, 52 }, // alpha >> beta: z close to 1
        { 0.8, 8, 1, 8, 4, 20, 40 }, // alpha = beta, s = 1
        { 0.6, 4, 1, 30, 40, 35, 39 }, // s = 1 (an integer c − a − b), many purchases
        { 2, 3, 300, 4000, 1, 5, 50 }, // large s and beta
    };

    [Theory]
    [MemberData(nameof(LikelihoodCases))]
    public void LogLikelihood_AgreesWithTheIntegralForm(double r, double alpha, double s, double beta, int x, double recency, double age)
    {
        var model = new ParetoNbdParameters(r, alpha, s, beta);
        var customer = new PurchaseSummary(x, recency, age);

        Assert.Equal(Posterior.ParetoNbdLogLikelihood(model, customer), model.LogLikelihood(customer), 9);
    }

    [Theory]
    [InlineData(2, 213 / 7.0, 272 / 7.0, 39)]
    [InlineData(0, 0, 38, 52)]
    [InlineData(6, 10, 38, 20)]
    public void ProbabilityAliveAndExpectedPurchases_AgreeWithNumericIntegration(int x, double recency, double age, double horizon)
    {
        var customer = new PurchaseSummary(x, recency, age);
        var (alive, purchases) = Posterior.ParetoNbd(Cdnow, customer, horizon);

        Assert.Equal(alive, Cdnow.ProbabilityAlive(customer), 6);
        Assert.Equal(purchases, Cdnow.ExpectedPurchases(customer, horizon), 6);
    }

    [Theory]
    [InlineData(2, 213 / 7.0, 272 / 7.0, 39)]
    [InlineData(0, 0, 38, 52)]
    [InlineData(0, 0, 0.5, 13)]
    [InlineData(6, 10, 38, 20)]
    [InlineData(40, 37, 38, 39)]
    public void ProbabilityNoPurchase_AgreesWithNumericIntegration(int x, double recency, double age, double horizon)
    {
        var customer = new PurchaseSummary(x, recency, age);

        Assert.Equal(Posterior.ParetoNbdNoPurchase(Cdnow, customer, horizon), Cdnow.ProbabilityNoPurchase(customer, horizon), 6);
    }

    [Fact]
    public void ProbabilityNoPurchase_RanksOneTimeBuyersByAge()
    {
        var recent = Cdnow.ProbabilityNoPurchase(new PurchaseSummary(0, 0, 3 / 7.0), 39);
        var old = Cdnow.ProbabilityNoPurchase(new PurchaseSummary(0, 0, 200 / 7.0), 39);

        Assert.InRange(recent, 0.01, 0.99);
        Assert.True(old > recent, $"a one-time buyer of 200 days ago scores {old}, not above the one of 3 days ago ({recent})");
    }

    [Fact]
    public void ProbabilityAlive_FallsAsTimePassesWithoutPurchases()
    {
        var previous = 1.0;
        foreach (var age in new[] { 31.0, 35, 40, 52, 104 })
        {
            var alive = Cdnow.ProbabilityAlive(Customer4 with { Age = age });
            Assert.True(alive < previous, $"P(alive) at T = {age} is {alive}, not below {previous}");
            previous = alive;
        }
    }

    [Fact]
    public void ProbabilityAlive_IsOne_RightAfterAPurchase()
    {
        Assert.Equal(1, Cdnow.ProbabilityAlive(Customer4 with { Age = Customer4.Recency }));
    }

    [Fact]
    public void ExpectedPurchases_GrowsWithTheHorizon_AndIsContinuousAtSEqualToOne()
    {
        var previous = 0.0;
        foreach (var horizon in new[] { 1.0, 13, 52, 260 })
        {
            var purchases = Cdnow.ExpectedPurchases(Customer4, horizon);
            Assert.True(purchases > previous);
            previous = purchases;
        }

        var at = (Cdnow with { S = 1 }).ExpectedPurchases(Customer4, 52);
        var near = (Cdnow with { S = 1 + 1e-9 }).ExpectedPurchases(Customer4, 52);
        Assert.Equal(near, at, 7);
    }
}
