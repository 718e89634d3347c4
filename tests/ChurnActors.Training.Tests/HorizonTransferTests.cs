using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;
using ChurnActors.Training.Evaluation;

namespace ChurnActors.Training.Tests;

public sealed class HorizonTransferTests
{
    private static readonly BgNbdParameters Lifetime = new(0.25, 33, 0.75, 2.2);

    [Fact]
    public void Apply_GivesTheLifetimeModelsOwnProbability_WhenTheClassifierAgreedWithItAtTheTrainingHorizon()
    {
        var row = new PointInTimeRow("u1", 0, new float[FeatureSchema.Length], false, new PurchaseSummary(2, 40, 120));
        var at91 = Lifetime.ProbabilityNoPurchase(row.Purchases, 91);

        var carried = HorizonTransfer.Apply(Lifetime, [row], [at91], 91, 273);

        Assert.Equal(Lifetime.ProbabilityNoPurchase(row.Purchases, 273), carried[0], 9);
    }

    [Fact]
    public void Apply_LowersChurnForALongerHorizon_AndKeepsTheClassifiersOrder()
    {
        var summary = new PurchaseSummary(2, 40, 120);
        PointInTimeRow[] rows = [new("u1", 0, new float[FeatureSchema.Length], false, summary), new("u2", 0, new float[FeatureSchema.Length], false, summary)];

        var carried = HorizonTransfer.Apply(Lifetime, rows, [0.6, 0.9], 91, 273);

        Assert.True(carried[0] < 0.6 && carried[1] < 0.9, $"carried to 273 days: {carried[0]}, {carried[1]}");
        Assert.True(carried[1] > carried[0]);
    }

    [Fact]
    public void Apply_ChangesNothing_WhenTheHorizonsAreEqual()
    {
        var row = new PointInTimeRow("u1", 0, new float[FeatureSchema.Length], false, new PurchaseSummary(0, 0, 30));

        Assert.Equal(0.42, HorizonTransfer.Apply(Lifetime, [row], [0.42], 90, 90)[0]);
    }
}
