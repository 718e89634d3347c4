using ChurnActors.Domain.Lifetime;

namespace ChurnActors.Domain.Tests.Lifetime;

public sealed class ParetoNbdEstimatorTests
{
    [Fact]
    public void Fit_ReproducesThePublishedParetoNbdEstimates_OnTheCdnowSample()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2): r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL = -9595.0.
        var fit = ParetoNbdEstimator.Fit(CdnowSample.Summaries);

        Assert.True(fit.Converged);
        Published.Agrees(0.553, 3, fit.Parameters.R, "r");
        Published.Agrees(10.578, 3, fit.Parameters.Alpha, "alpha");
        Published.Agrees(0.606, 3, fit.Parameters.S, "s");
        Published.Agrees(11.669, 3, fit.Parameters.Beta, "beta");
        Published.Agrees(-9595.0, 1, fit.LogLikelihood, "log-likelihood");
    }

    [Fact]
    public void Fit_GivesStandardErrorsThatShowBetaIsPoorlyDetermined_OnTheCdnowSample()
    {
        var fit = ParetoNbdEstimator.Fit(CdnowSample.Summaries);

        Assert.NotNull(fit.StandardErrors);
        var errors = fit.StandardErrors;
        // r and alpha are pinned down (a few percent), beta is not (about half its value).
        Assert.InRange(errors[0] / fit.Parameters.R, 0.05, 0.12);
        Assert.InRange(errors[1] / fit.Parameters.Alpha, 0.05, 0.12);
        Assert.InRange(errors[3] / fit.Parameters.Beta, 0.3, 0.8);
    }

    [Fact]
    public void Fit_RecoversKnownParameters_FromSimulatedCustomers()
    {
        var truth = new ParetoNbdParameters(0.8, 8, 1.2, 20);
        var simulator = new LifetimeSimulator(seed: 23);
        var customers = Enumerable.Range(0, 6000).Select(_ => simulator.ParetoNbd(truth, simulator.Uniform(40, 80))).ToList();

        var fit = ParetoNbdEstimator.Fit(customers);

        Assert.True(fit.Converged);
        Assert.NotNull(fit.StandardErrors);
        Recovery.WithinStandardErrors([truth.R, truth.Alpha, truth.S, truth.Beta], [fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.S, fit.Parameters.Beta], fit.StandardErrors);
    }

    [Fact]
    public void Fit_RecoversParameters_WhenAlphaExceedsBeta()
    {
        // The other branch of the likelihood (alpha >= beta uses a different 2F1).
        var truth = new ParetoNbdParameters(1.5, 15, 0.9, 5);
        var simulator = new LifetimeSimulator(seed: 29);
        var customers = Enumerable.Range(0, 6000).Select(_ => simulator.ParetoNbd(truth, simulator.Uniform(40, 80))).ToList();

        var fit = ParetoNbdEstimator.Fit(customers);

        Assert.True(fit.Converged);
        Assert.NotNull(fit.StandardErrors);
        Recovery.WithinStandardErrors([truth.R, truth.Alpha, truth.S, truth.Beta], [fit.Parameters.R, fit.Parameters.Alpha, fit.Parameters.S, fit.Parameters.Beta], fit.StandardErrors);
    }
}
