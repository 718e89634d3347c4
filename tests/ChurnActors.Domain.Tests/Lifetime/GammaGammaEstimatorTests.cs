using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class GammaGammaEstimatorTests
{
    [Fact]
    public void Fit_ReproducesFaderHardieLee2005RfmAndClv_OnTheCdnowSample()
    {
        // Fader, Hardie & Lee (2005), "RFM and CLV", J. Marketing Research 42(4) (and Fader & Hardie 2013,
        // "The Gamma-Gamma Model of Monetary Value"): p = 6.25, q = 3.74, gamma = 15.44 on the 946 customers with
        // repeat purchases in the calibration period, fitted to the mean of their repeat transactions.
        var fit = GammaGammaEstimator.Fit(CdnowSample.Summaries);

        Assert.True(fit.Converged);
        Assert.Equal(946, fit.Customers);
        Published.Agrees(6.25, 2, fit.Parameters.P, "p");
        Published.Agrees(3.74, 2, fit.Parameters.Q, "q");
        Published.Agrees(15.44, 2, fit.Parameters.V, "gamma");
    }

    [Fact]
    public void Fit_RecoversKnownParameters_FromSimulatedSpend()
    {
        var truth = new GammaGammaParameters(5, 4, 20);
        var simulator = new LifetimeSimulator(seed: 31);
        var customers = Enumerable.Range(0, 4000)
            .Select(i => 1 + (i % 6))
            .Select(x => PurchaseSummary.WithSpend(x, x, 52, simulator.MeanSpend(truth, x)))
            .ToList();

        var fit = GammaGammaEstimator.Fit(customers);

        Assert.True(fit.Converged);
        Assert.NotNull(fit.StandardErrors);
        Recovery.WithinStandardErrors([truth.P, truth.Q, truth.V], [fit.Parameters.P, fit.Parameters.Q, fit.Parameters.V], fit.StandardErrors);
    }

    [Fact]
    public void Fit_RejectsCustomersWithoutRepeatPurchases()
    {
        Assert.Throws<ArgumentException>(() => GammaGammaEstimator.Fit([new PurchaseSummary(0, 0, 10)]));
    }
}
