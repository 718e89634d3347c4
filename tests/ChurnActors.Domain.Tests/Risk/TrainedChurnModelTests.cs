using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Testing;
using static ChurnActors.Domain.Tests.Activity.Events;

namespace ChurnActors.Domain.Tests.Risk;

public sealed class TrainedChurnModelTests
{
    private static readonly BgNbdParameters Shop = new(R: 0.24, Alpha: 4.4, A: 0.79, B: 2.4);

    private static readonly LifetimeBlend Blend = new()
    {
        ModelWeight = 0.5,
        LifetimeWeight = 0.7,
        Intercept = -0.2,
        ProbabilityQuantiles = [.. Enumerable.Range(0, 101).Select(i => i / 100.0)],
    };

    [Fact]
    public void Score_BlendsTheShopsLifetimeFit_WhenTheSnapshotAsksForItAndAFitIsGiven()
    {
        var snapshot = SilenceModel.Snapshot() with { HorizonDays = 90, Lifetime = Blend };
        var customer = OneOrder();
        var asOf = Start.AddDays(30);
        var alone = new TrainedChurnModel(SilenceModel.Snapshot()).Score(customer, asOf).Probability;
        var noOrder = Shop.ProbabilityNoPurchase(customer.Purchases.SummaryAsOf(asOf, ShopLifetimeModel.Unit), 90);

        var blended = new TrainedChurnModel(snapshot, Shop).Score(customer, asOf);

        Assert.Equal(Blend.Probability(alone, noOrder), blended.Probability, 9);
        Assert.NotEqual(alone, blended.Probability, 3);
        Assert.Equal(ScoreQuantiles.Percentile(Blend.ProbabilityQuantiles, blended.Probability), blended.Percentile, 9);
    }

    [Fact]
    public void Score_IsTheClassifiersAlone_WithoutALifetimeFitOrWithoutAnOrder()
    {
        var snapshot = SilenceModel.Snapshot() with { HorizonDays = 90, Lifetime = Blend };
        var asOf = Start.AddDays(30);
        var alone = new TrainedChurnModel(SilenceModel.Snapshot()).Score(OneOrder(), asOf).Probability;
        var browser = new CustomerActivity();
        browser.Apply(Logged(1, Page(Start)));

        Assert.Equal(alone, new TrainedChurnModel(snapshot).Score(OneOrder(), asOf).Probability, 12);
        Assert.False(new TrainedChurnModel(snapshot).BlendsLifetime);
        Assert.Equal(
            new TrainedChurnModel(SilenceModel.Snapshot()).Score(browser, asOf).Probability,
            new TrainedChurnModel(snapshot, Shop).Score(browser, asOf).Probability,
            12);
    }

    private static CustomerActivity OneOrder()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        return activity;
    }
}
