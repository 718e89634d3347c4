using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class BgNbdEstimatorTests
{
    [Fact]
    public void Fit_ReproducesFaderHardieLee2005_OnTheCdnowSample()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
        var fit = BgNbdEstimator.Fit(CdnowSample.Summaries);

        Assert.True(fit.Converged);
        Assert.Equal(2357, fit.Customers);
        Published.Agrees(0.243, 3, fit.Parameters.R, "r");
        Published.Agrees(4.414, 3, fit.Parameters.Alpha, "alpha");
        Published.Agrees(0.793, 3, fit.Parameters.A, "a");
        Published.Agrees(2.426, 3, fit.Parameters.B, "b");
        Published.Agrees(-9582.4, 1, fit.LogLikelihood, "log-likelihood");
    }

    [Fact]
    public void Fit_ReportsTheSumOfTheCustomersLogLikelihoods_AtItsEstimates()
    {
        var customers = CdnowSample.Summaries;
        var fit = BgNbdEstimator.Fit(customers);

        var sum = customers.Sum(c => fit.Parameters.LogLikelihood(c));

        Assert.Equal(sum, fit.LogLikelihood, 6);
    }

    [Fact]
    public void Fit_RecoversKnownParameters_FromSimulatedCustomers()
    {
        var truth = new BgNbdParameters(0.5, 6, 0.7, 2.5);
        var simulator = new LifetimeSimulator(seed: 11);
        var customers = Enumerable.Range(0, 6000).Select(_ => simulator.BgNbd(truth, simulator.Uniform(26, 52))).ToList();

        var fit = BgNbdEstimator.Fit(customers);

        Assert.True(fit.Converged);
        Assert.NotNull(fit.StandardErrors);
        Recovery.WithinStandardErrors([truth.R, truth.Alpha, truth.A, truth.B], [fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.A, fit.Parameters.B], fit.StandardErrors);
    }

    [Fact]
    public void Fit_DoesNotDependOnTheTimeUnit()
    {
        var weeks = CdnowSample.Summaries;
        var days = weeks.Select(s => s with { Recency = s.Recency * 7, Age = s.Age * 7 }).ToList();

        var inWeeks = BgNbdEstimator.Fit(weeks).Parameters;
        var inDays = BgNbdEstimator.Fit(days).Parameters;

        Assert.Equal(inWeeks.R, inDays.R, 3);
        Assert.Equal(inWeeks.Alpha * 7, inDays.Alpha, 1);
        Assert.Equal(inWeeks.A, inDays.A, 3);
        Assert.Equal(inWeeks.B, inDays.B, 2);
    }

    [Fact]
    public void Fit_RejectsAnEmptyCustomerList()
    {
        Assert.Throws<ArgumentException>(() => BgNbdEstimator.Fit([]));
    }

    [Fact]
    public void Fit_RejectsASummaryWhoseRecencyExceedsItsAge()
    {
        var error = Assert.Throws<ArgumentException>(() => BgNbdEstimator.Fit([new PurchaseSummary(2, 10, 5)]));
        Assert.Contains("Invalid purchase summary", error.Message, StringComparison.Ordinal);
    }
}
