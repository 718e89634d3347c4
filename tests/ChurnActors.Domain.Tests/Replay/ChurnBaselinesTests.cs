using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;

namespace ChurnActors.Domain.Tests.Replay;

public sealed class ChurnBaselinesTests
{
    [Fact]
    public void BgNbdChurn_IsOneMinusPAlive_AndGrowsWithSilence()
    {
        var parameters = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        var recent = Row(new PurchaseSummary(3, 30, 32));
        var silent = Row(new PurchaseSummary(3, 30, 90));

        Assert.Equal(1 - parameters.ProbabilityAlive(recent.Purchases), ChurnBaselines.BgNbdChurn(parameters, recent), 12);
        Assert.True(ChurnBaselines.BgNbdChurn(parameters, silent) > ChurnBaselines.BgNbdChurn(parameters, recent));
    }

    [Fact]
    public void DaysSinceLastOrder_ReadsTheRowsRecencyFeature()
    {
        var row = Row(default);
        row.Features[(int)FeatureId.DaysSinceLastOrder] = 17.5f;

        Assert.Equal(17.5, ChurnBaselines.DaysSinceLastOrder(row));
    }

    private static PointInTimeRow Row(PurchaseSummary purchases) => new("u1", 0, new float[FeatureSchema.Length], false, purchases);
}
