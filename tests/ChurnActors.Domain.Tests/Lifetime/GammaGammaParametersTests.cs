using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class GammaGammaParametersTests
{
    private static readonly GammaGammaParameters Cdnow = new(6.25, 3.74, 15.44);

    [Fact]
    public void ConditionalExpectedSpend_IsTheWeightedMeanOfPopulationAndCustomer()
    {
        var customer = PurchaseSummary.WithSpend(4, 20, 38, 60);
        var weight = Cdnow.P * 4 / ((Cdnow.P * 4) + Cdnow.Q - 1);

        var expected = ((1 - weight) * Cdnow.MeanSpend) + (weight * 60);

        Assert.Equal(expected, Cdnow.ConditionalExpectedSpend(customer), 10);
    }

    [Fact]
    public void ConditionalExpectedSpend_MovesTowardsTheCustomersOwnMean_WithMoreTransactions()
    {
        var few = Cdnow.ConditionalExpectedSpend(PurchaseSummary.WithSpend(1, 5, 38, 100));
        var many = Cdnow.ConditionalExpectedSpend(PurchaseSummary.WithSpend(20, 35, 38, 100));

        Assert.InRange(few, Cdnow.MeanSpend, 100);
        Assert.InRange(many, few, 100);
    }

    [Fact]
    public void ConditionalExpectedSpend_IsThePopulationMean_WithoutRepeatTransactions()
    {
        Assert.Equal(6.25 * 15.44 / 2.74, Cdnow.ConditionalExpectedSpend(new PurchaseSummary(0, 0, 38)), 12);
    }

    [Fact]
    public void LogLikelihood_IsADensityOverTheMeanSpend()
    {
        // ∫ f(m | x) dm = 1 for each x.
        foreach (var x in new[] { 1, 3 })
        {
            var total = Quadrature.Integrate(
                u => Math.Exp(Cdnow.LogLikelihood(PurchaseSummary.WithSpend(x, 1, 2, u / (1 - u)))) / ((1 - u) * (1 - u)), 0, 1, panels: 2000);
            Assert.Equal(1, total, 6);
        }
    }
}
