using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Scoring;
using ChurnActors.Testing;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Tests;

public sealed class ScoringModelsTests
{
    private static readonly LifetimeBlend Blend = new() { ModelWeight = 0.5, LifetimeWeight = 0.7, Intercept = 0, ProbabilityQuantiles = [0, 1] };

    [Fact]
    public void Current_BlendsThePromotedModelWithEachNewLifetimeFit_WhenItsSnapshotAsksForIt()
    {
        var models = new ScoringModels(Options.Create(new ScoringOptions()));
        models.UseTrained(new TrainedChurnModel(SilenceModel.Snapshot() with { HorizonDays = 90, Lifetime = Blend }));
        var before = Assert.IsType<TrainedChurnModel>(models.Current);

        models.UseLifetime(Lifetime(), null);
        var after = Assert.IsType<TrainedChurnModel>(models.Current);
        models.UseLifetime(null, "refitting");
        var without = Assert.IsType<TrainedChurnModel>(models.Current);

        Assert.False(before.BlendsLifetime);
        Assert.True(after.BlendsLifetime);
        Assert.False(without.BlendsLifetime);
    }

    [Fact]
    public void Current_LeavesAModelWithoutABlendAlone_WhenTheLifetimeFitChanges()
    {
        var models = new ScoringModels(Options.Create(new ScoringOptions()));
        var trained = new TrainedChurnModel(SilenceModel.Snapshot());
        models.UseTrained(trained);

        models.UseLifetime(Lifetime(), null);

        Assert.Same(trained, models.Current);
    }

    private static ShopLifetimeModel Lifetime() =>
        new("fit", new BgNbdParameters(0.24, 4.4, 0.79, 2.4), null, 90, [0, 1], 30, 1_000, DateTimeOffset.UnixEpoch);
}
