using ChurnActors.LoadTools.Demo;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Cli.Tests;

public sealed class DemoScenarioTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_UsesTheSameMessageIds_OnAnyDay()
    {
        var first = DemoScenario.Build(DemoScenario.MaxCustomers, Today).SelectMany(j => j.Events).Select(e => e.MessageId);
        var later = DemoScenario.Build(DemoScenario.MaxCustomers, Today.AddDays(17)).SelectMany(j => j.Events).Select(e => e.MessageId);

        Assert.Equal(first, later);
        Assert.Equal(first.Count(), first.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Build_SpreadsTimestampsOverThePastHundredTwentyDays_InOrderPerCustomer()
    {
        var journeys = DemoScenario.Build(DemoScenario.MaxCustomers, Today);

        foreach (var journey in journeys)
        {
            var stamps = journey.Events.Select(e => e.Timestamp).ToList();
            Assert.All(stamps, t => Assert.InRange(t, Today.AddDays(-121), Today));
            Assert.Equal(stamps.Order(), stamps);
        }

        var all = journeys.SelectMany(j => j.Events).Select(e => e.Timestamp).ToList();
        Assert.True((all.Max() - all.Min()).TotalDays > 110, "history should span about four months");
    }

    [Fact]
    public void Build_DefaultCustomers_CoverOrdersRefundAndAnAnonymousVisitor()
    {
        var events = DemoScenario.Build(DemoScenario.DefaultCustomers, Today).SelectMany(j => j.Events).ToList();

        Assert.Single(events, e => e.Event == CommerceEvents.OrderRefunded);
        Assert.Contains(events, e => e.Event == CommerceEvents.OrderCompleted);
        Assert.Contains(events, e => e.Type == SegmentCallType.Page);
        var anonymous = events.Where(e => e.UserId is null).ToList();
        Assert.NotEmpty(anonymous);
        var visitor = Assert.Single(anonymous.Select(e => e.AnonymousId).Distinct());
        Assert.Contains(events, e => e.Type == SegmentCallType.Identify && e.AnonymousId == visitor && e.UserId is not null);
        Assert.True(
            events.Where(e => e.Order is not null).SelectMany(e => e.Order!.Lines).Select(l => l.Product.Category).Distinct().Count() >= 4,
            "orders should span several categories");
    }

    [Fact]
    public void Build_NamesCustomersReadably()
    {
        var ids = DemoScenario.Build(3, Today).Select(j => j.UserId);

        Assert.Equal(["demo-alice", "demo-bob", "demo-carol"], ids);
    }
}
