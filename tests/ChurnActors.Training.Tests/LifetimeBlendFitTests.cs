using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Learning;

namespace ChurnActors.Training.Tests;

public sealed class LifetimeBlendFitTests
{
    [Fact]
    public void Fit_RecoversTheWeights_OfOutcomesDrawnFromAKnownBlend()
    {
        // Outcomes drawn from σ(0.6·logit p + 0.8·logit q − 0.3) for p, q spread over (0, 1).
        var truth = new LifetimeBlend { ModelWeight = 0.6, LifetimeWeight = 0.8, Intercept = -0.3, ProbabilityQuantiles = [0, 1] };
        var random = new Random(7);
        var model = new List<double>();
        var lifetime = new List<double>();
        var churned = new List<bool>();
        for (var i = 0; i < 40_000; i++)
        {
            var p = 0.02 + (0.96 * random.NextDouble());
            var q = 0.02 + (0.96 * random.NextDouble());
            model.Add(p);
            lifetime.Add(q);
            churned.Add(random.NextDouble() < truth.Probability(p, q));
        }

        var blend = LifetimeBlendFit.Fit(model, lifetime, churned, model.Zip(lifetime));

        Assert.Equal(0.6, blend.ModelWeight, 1);
        Assert.Equal(0.8, blend.LifetimeWeight, 1);
        Assert.Equal(-0.3, blend.Intercept, 1);
        Assert.True(blend.ProbabilityQuantiles[0] < blend.ProbabilityQuantiles[^1]);
    }

    [Fact]
    public void Fit_LeavesAWellCalibratedClassifierAlone_WhenTheLifetimeModelAddsNothing()
    {
        var random = new Random(11);
        var model = new List<double>();
        var churned = new List<bool>();
        for (var i = 0; i < 40_000; i++)
        {
            var p = 0.05 + (0.9 * random.NextDouble());
            model.Add(p);
            churned.Add(random.NextDouble() < p);
        }

        var noise = model.Select(_ => 0.05 + (0.9 * random.NextDouble())).ToList();
        var blend = LifetimeBlendFit.Fit(model, noise, churned, []);

        Assert.Equal(1, blend.ModelWeight, 1);
        Assert.Equal(0, blend.LifetimeWeight, 1);
    }
}
