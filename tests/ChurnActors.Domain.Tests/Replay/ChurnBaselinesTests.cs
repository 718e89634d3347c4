using ChurnActors.Domain.Features;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Replay;

namespace ChurnActors.Domain.Tests.Replay;

public sealed class ChurnBaselinesTests
{
    // Fader, Hardie & Lee (2005) estimates on the CDNOW sample, time in weeks.
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void LifetimeRank_PutsTheFewestExpectedPurchasesFirst_InTheHandCheckedOrder()
    {
        // From most to least expected purchases in the next 39 weeks (6.79, 1.25, 1.04, 0.20, 0.10): a frequent
        // recent buyer, a repeat buyer of two months ago, a one-time buyer of last week, a one-time buyer of 38 weeks
        // ago, and a buyer who bought three more times in its first five weeks and then nothing for 33 weeks (likely
        // dropped out; BG/NBD lets a one-time buyer never drop out). Higher rank = more likely churned.
        PointInTimeRow[] rows =
        [
            Row(new PurchaseSummary(10, 37, 38)),
            Row(new PurchaseSummary(2, 30, 38)),
            Row(new PurchaseSummary(0, 0, 1)),
            Row(new PurchaseSummary(0, 0, 38)),
            Row(new PurchaseSummary(3, 5, 38)),
        ];

        var ranks = rows.Select(r => ChurnBaselines.LifetimeRank(Cdnow, r, 39)).ToArray();

        Assert.True(ranks.Zip(ranks.Skip(1)).All(pair => pair.First < pair.Second), $"ranks {string.Join(", ", ranks)} are not ascending");
        Assert.Equal(-Cdnow.ExpectedPurchases(rows[0].Purchases, 39), ranks[0], 12);
    }

    [Fact]
    public void LifetimeChurn_IsAboveZeroForOneTimeBuyers_AndGrowsWithTheirSilence()
    {
        var lastWeek = ChurnBaselines.LifetimeChurn(Cdnow, Row(new PurchaseSummary(0, 0, 1)), 39);
        var longAgo = ChurnBaselines.LifetimeChurn(Cdnow, Row(new PurchaseSummary(0, 0, 38)), 39);

        Assert.InRange(lastWeek, 0.05, 0.95);
        Assert.True(longAgo > lastWeek, $"P(no purchase) {longAgo} after 38 weeks, {lastWeek} after one");
        Assert.Equal(Cdnow.ProbabilityNoPurchase(new PurchaseSummary(0, 0, 38), 39), longAgo, 12);
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
