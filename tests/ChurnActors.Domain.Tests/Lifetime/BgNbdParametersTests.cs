using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class BgNbdParametersTests
{
    // Fader, Hardie & Lee (2005) estimates on the CDNOW sample.
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);

    // CDNOW customer 00004: first bought 1997-01-01, then 1997-01-18 and 1997-08-02, before the 39-week calibration end.
    private static readonly PurchaseSummary Customer4 = new(2, 213 / 7.0, 272 / 7.0);

    [Fact]
    public void ProbabilityAliveAndExpectedPurchases_AgreeWithNumericIntegration_ForCdnowCustomer4()
    {
        var (alive, purchases) = Posterior.BgNbd(Cdnow, Customer4, horizon: 39);

        Assert.Equal(alive, Cdnow.ProbabilityAlive(Customer4), 6);
        Assert.Equal(purchases, Cdnow.ExpectedPurchases(Customer4, 39), 6);
    }

    [Theory]
    [InlineData(0, 0, 30, 52)]
    [InlineData(1, 2, 38, 10)]
    [InlineData(7, 35, 38, 39)]
    [InlineData(25, 20, 38, 500)]
    public void ExpectedPurchases_AgreesWithNumericIntegration(int x, double recency, double age, double horizon)
    {
        var customer = new PurchaseSummary(x, recency, age);
        var (alive, purchases) = Posterior.BgNbd(Cdnow, customer, horizon);

        Assert.Equal(alive, Cdnow.ProbabilityAlive(customer), 6);
        Assert.True(Math.Abs(purchases - Cdnow.ExpectedPurchases(customer, horizon)) <= 1e-6 * (1 + purchases), $"integrated {purchases}, closed form {Cdnow.ExpectedPurchases(customer, horizon)}");
    }

    [Theory]
    [InlineData(0, 0, 0.5, 39)]
    [InlineData(0, 0, 30, 13)]
    [InlineData(2, 213 / 7.0, 272 / 7.0, 39)]
    [InlineData(1, 2, 38, 10)]
    [InlineData(7, 35, 38, 39)]
    [InlineData(25, 20, 38, 500)]
    public void ProbabilityNoPurchase_AgreesWithNumericIntegration(int x, double recency, double age, double horizon)
    {
        var customer = new PurchaseSummary(x, recency, age);

        Assert.Equal(Posterior.BgNbdNoPurchase(Cdnow, customer, horizon), Cdnow.ProbabilityNoPurchase(customer, horizon), 6);
    }

    [Fact]
    public void ProbabilityNoPurchase_RanksOneTimeBuyersByAge_AndIsAboveZero()
    {
        var recent = Cdnow.ProbabilityNoPurchase(new PurchaseSummary(0, 0, 3 / 7.0), 39);
        var old = Cdnow.ProbabilityNoPurchase(new PurchaseSummary(0, 0, 200 / 7.0), 39);

        Assert.InRange(recent, 0.01, 0.99);
        Assert.True(old > recent, $"a one-time buyer of 200 days ago scores {old}, not above the one of 3 days ago ({recent})");
    }

    [Fact]
    public void ProbabilityNoPurchase_IsOne_WithoutAHorizon_AndFallsAsTheHorizonGrows()
    {
        Assert.Equal(1, Cdnow.ProbabilityNoPurchase(Customer4, 0));
        var previous = 1.0;
        foreach (var horizon in new[] { 1.0, 13, 52, 260 })
        {
            var none = Cdnow.ProbabilityNoPurchase(Customer4, horizon);
            Assert.True(none < previous, $"P(no purchase in {horizon}) is {none}, not below {previous}");
            previous = none;
        }
    }

    [Fact]
    public void ProbabilityAlive_IsOne_ForCustomersWithoutRepeatPurchases()
    {
        Assert.Equal(1, Cdnow.ProbabilityAlive(new PurchaseSummary(0, 0, 38)));
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
    public void ExpectedPurchases_GrowsWithTheHorizon_AndIsZeroForNone()
    {
        Assert.Equal(0, Cdnow.ExpectedPurchases(Customer4, 0));
        var previous = 0.0;
        foreach (var horizon in new[] { 1.0, 13, 52, 260, 2600 })
        {
            var purchases = Cdnow.ExpectedPurchases(Customer4, horizon);
            Assert.True(purchases > previous, $"E[Y({horizon})] = {purchases} is not above {previous}");
            previous = purchases;
        }
    }

    [Fact]
    public void ExpectedPurchases_IsContinuousAcrossAEqualToOne()
    {
        var below = (Cdnow with { A = 1 - 2e-4 }).ExpectedPurchases(Customer4, 52);
        var at = (Cdnow with { A = 1 }).ExpectedPurchases(Customer4, 52);
        var above = (Cdnow with { A = 1 + 2e-4 }).ExpectedPurchases(Customer4, 52);

        Assert.True(double.IsFinite(at));
        Assert.InRange(at, Math.Min(below, above), Math.Max(below, above));
    }

    [Theory]
    [InlineData(0, 0, 3, 90)]
    [InlineData(0, 0, 200.67, 60)]
    [InlineData(5, 50, 70, 90)]
    [InlineData(30, 300, 320, 90)]
    public void ExpectedPurchases_StaysFiniteAndSettles_WhenEveryCustomerSharesOneDropoutProbability(int x, double recency, double age, double horizon)
    {
        // A fit on customers who all drop out with about the same probability puts a and b in the thousands or millions
        // (Beta(a, b) close to a point at a/(a+b) = 0.137); the expectation must tend to that limit, not become NaN.
        var customer = new PurchaseSummary(x, recency, age);
        double Expected(double scale) => new BgNbdParameters(R: 1, Alpha: 30.6, A: 0.9128 * scale, B: 5.733 * scale).ExpectedPurchases(customer, horizon);

        var moderate = Expected(100);
        var values = new[] { 1e3, 1e4, 1e5, 1e6 }.Select(Expected).ToArray();

        Assert.All(values, v => Assert.True(double.IsFinite(v) && v > 0, $"E[Y({horizon})] = {v}"));
        Assert.True(Math.Abs(values[^1] - values[^2]) <= 1e-4 * values[^1], $"E[Y] at b = 5.7e5 and 5.7e6: {values[^2]}, {values[^1]}");
        Assert.True(Math.Abs(values[0] - moderate) <= 0.1 * moderate, $"E[Y] at b = 573 and 5,733: {moderate}, {values[0]}");
    }

    [Fact]
    public void Quantities_StayFinite_ForAVeryFrequentBuyer()
    {
        var customer = new PurchaseSummary(1500, 100, 104);

        Assert.InRange(Cdnow.ProbabilityAlive(customer), 0, 1);
        Assert.True(double.IsFinite(Cdnow.ExpectedPurchases(customer, 52)));
        Assert.True(double.IsFinite(Cdnow.LogLikelihood(customer)));
    }

    [Fact]
    public void MedianTimeToNextPurchase_HasEvenOddsUnderTheGammaPosterior_AndIsShorterForFrequentBuyers()
    {
        var median = Cdnow.MedianTimeToNextPurchase(Customer4);
        var survival = Math.Pow((Cdnow.Alpha + Customer4.Age) / (Cdnow.Alpha + Customer4.Age + median), Cdnow.R + Customer4.Frequency);

        Assert.Equal(0.5, survival, 12);
        Assert.True(Cdnow.MedianTimeToNextPurchase(Customer4 with { Frequency = 10 }) < median);
    }
}
