using ChurnActors.Domain.Risk;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Tests.Playbooks;

/// <summary>Which band changes open an episode, and the re-entry rule.</summary>
public sealed class PlaybookEntryTests
{
    private static readonly PlaybookEntryState Valuable = new()
    {
        Orders = 4, NetRevenue = 320m, Clv = 180m, ProbabilityAlive = 0.6, DaysSinceLastOrder = 40, TopCategory = "shoes", Country = "DE",
    };

    [Fact]
    public void Admits_OnlyTheNamedTransition_ForACustomerWhoPassesTheFilters()
    {
        var entry = new PlaybookEntry
        {
            To = RiskBand.High,
            From = [RiskBand.Medium],
            Filters = new PlaybookFilters { MinOrders = 2, MinClv = 100m, TopCategory = ["Shoes"], Country = ["DE", "AT"] },
        };

        Assert.True(entry.Admits(RiskBand.Medium, RiskBand.High, Valuable));
        Assert.False(entry.Admits(RiskBand.Low, RiskBand.High, Valuable));
        Assert.False(entry.Admits(RiskBand.High, RiskBand.Medium, Valuable));
        Assert.False(entry.Admits(RiskBand.Medium, RiskBand.High, Valuable with { Orders = 1 }));
        Assert.False(entry.Admits(RiskBand.Medium, RiskBand.High, Valuable with { Clv = null }));
        Assert.False(entry.Admits(RiskBand.Medium, RiskBand.High, Valuable with { Country = "FR" }));
    }

    [Fact]
    public void Allows_FollowsTheReentryMode()
    {
        var opened = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var later = opened.AddDays(10);

        Assert.True(new PlaybookReentry { Mode = ReentryMode.Never }.Allows(null, false, later));
        Assert.False(new PlaybookReentry { Mode = ReentryMode.Never }.Allows(opened, true, later));
        Assert.False(new PlaybookReentry { Mode = ReentryMode.AfterExit }.Allows(opened, false, later));
        Assert.True(new PlaybookReentry { Mode = ReentryMode.AfterExit }.Allows(opened, true, later));
        Assert.False(new PlaybookReentry { Mode = ReentryMode.Cooldown, CooldownDays = 14 }.Allows(opened, true, later));
        Assert.True(new PlaybookReentry { Mode = ReentryMode.Cooldown, CooldownDays = 7 }.Allows(opened, true, later));
    }

    [Fact]
    public void ValueFor_CapsAShareOfClv_AndTreatsAnUnknownClvAsZero()
    {
        var coupon = new PlaybookCoupon { ShareOfClv = 0.1, Cap = 25m, Currency = "EUR" };

        Assert.Equal(12.35m, coupon.ValueFor(123.45m));
        Assert.Equal(25m, coupon.ValueFor(1_000m));
        Assert.Equal(0m, coupon.ValueFor(null));
        Assert.Equal(10m, new PlaybookCoupon { Amount = 10m, Currency = "EUR" }.ValueFor(1_000m));
    }
}
