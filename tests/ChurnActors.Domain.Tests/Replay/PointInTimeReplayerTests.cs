using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Replay;
using static ChurnActors.Domain.Tests.Features.FeatureEvents;

namespace ChurnActors.Domain.Tests.Replay;

public sealed class PointInTimeReplayerTests
{
    private static readonly DateTimeOffset Cutoff = Noon.AddDays(60);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    [Fact]
    public void Replay_IgnoresEventsAtOrAfterTheCutoff_WhenWritingThatCutoffsRow()
    {
        CustomerEvent[] before =
        [
            Page(Noon),
            Order(Noon.AddDays(1), "o1", 40m),
            Viewed(Noon.AddDays(20), "p1", "Books"),
            Order(Noon.AddDays(30), "o2", 60m),
            Added(Cutoff.AddMinutes(-5), "p2", "Toys"),
        ];

        // The same history plus events at and after the cut-off, one of them logged before earlier events.
        CustomerEvent[] withLater =
        [
            Page(Noon),
            Order(Cutoff.AddDays(3), "late-logged-early", 500m),
            Order(Noon.AddDays(1), "o1", 40m),
            Viewed(Noon.AddDays(20), "p1", "Books"),
            Order(Noon.AddDays(30), "o2", 60m),
            Added(Cutoff.AddMinutes(-5), "p2", "Toys"),
            Order(Cutoff, "at-the-cutoff", 70m),
            Refund(Cutoff.AddDays(1), "o2", 60m),
            Page(Cutoff.AddDays(2)),
        ];

        var without = SingleRow(before);
        var with = SingleRow(withLater);

        Assert.Equal(without.Features, with.Features);
        Assert.Equal(without.Purchases, with.Purchases);
        Assert.True(without.Churned);
        Assert.False(with.Churned);
    }

    [Fact]
    public void Replay_WritesWhatTheGrainsActivityWrites_ForTheEventsBeforeTheCutoff()
    {
        CustomerEvent[] events =
        [
            Page(Noon),
            Viewed(Noon.AddMinutes(1), "p1", "Books"),
            Added(Noon.AddMinutes(2), "p1", "Books"),
            Checkout(Noon.AddMinutes(3)),
            Order(Noon.AddMinutes(4), "o1", 25m, coupon: "WELCOME10"),
            Added(Noon.AddDays(12), "p3", "Toys"),
            Order(Noon.AddDays(40), "o2", 80m),
            Refund(Noon.AddDays(45), "o2"),
            Page(Noon.AddDays(59)),
            Order(Cutoff.AddDays(1), "o3", 10m),
        ];
        var activity = new CustomerActivity();
        var sequence = 0;
        foreach (var e in events.Where(e => e.Timestamp < Cutoff))
        {
            activity.Apply(new LoggedEvent(++sequence, "u1", e));
        }

        var row = SingleRow(events);

        Assert.Equal(activity.Features.VectorAsOf(Cutoff), row.Features);
        Assert.Equal(activity.Purchases.SummaryAsOf(Cutoff, ChurnBaselines.Unit), row.Purchases);
    }

    [Theory]
    [InlineData(0, false)] // an order exactly at the cut-off is after it: activity
    [InlineData(30 * 24 * 60 - 1, false)] // the last minute of the horizon
    [InlineData(30 * 24 * 60, true)] // exactly at the horizon's end: outside
    public void Replay_LabelsTheHorizonEdges_ByTheOrdersTime(int minutesAfterCutoff, bool churned)
    {
        var row = SingleRow([Order(Noon, "o1", 10m), Order(Cutoff.AddMinutes(minutesAfterCutoff), "o2", 10m)]);

        Assert.Equal(churned, row.Churned);
    }

    [Fact]
    public void Replay_CountsOnlyTheConfiguredActivity_WhenLabelling()
    {
        CustomerEvent[] events = [Order(Noon, "o1", 10m), Page(Cutoff.AddDays(5))];

        var byOrders = SingleRow(events, ChurnDefinition.Default);
        var byVisits = SingleRow(events, new ChurnDefinition(Horizon, [EcommerceEvents.OrderCompleted, "page"]));

        Assert.True(byOrders.Churned);
        Assert.False(byVisits.Churned);
    }

    [Fact]
    public void Replay_EmitsNoRow_ForCustomersNotEligibleAtTheCutoff()
    {
        var replayer = new PointInTimeReplayer(
            new ChurnDefinition(Horizon, eligibility: new ChurnEligibility(MinimumOrders: 1, MaximumDaysSinceLastOrder: 45)),
            [new ReplayCutoff(Cutoff, Horizon)]);
        var rows = new List<PointInTimeRow>();

        replayer.Replay("browser", [Page(Noon), Viewed(Noon.AddDays(10))], rows.Add);
        replayer.Replay("orders-after", [Page(Noon), Order(Cutoff.AddDays(1), "o1", 5m)], rows.Add);
        replayer.Replay("lapsed", [Order(Noon, "o1", 5m)], rows.Add); // 60 days before the cut-off
        replayer.Replay("recent", [Order(Noon.AddDays(20), "o1", 5m)], rows.Add);

        Assert.Equal(["recent"], rows.Select(r => r.CustomerKey));
    }

    [Fact]
    public void Replay_WritesOneRowPerCutoff_EachSeeingOnlyItsPast()
    {
        var early = new ReplayCutoff(Noon.AddDays(10), Horizon);
        var late = new ReplayCutoff(Noon.AddDays(50), Horizon);
        var replayer = new PointInTimeReplayer(ChurnDefinition.Default, [late, early]);
        var rows = new List<PointInTimeRow>();

        replayer.Replay("u1", [Order(Noon, "o1", 10m), Order(Noon.AddDays(20), "o2", 10m), Order(Noon.AddDays(49), "o3", 10m)], rows.Add);

        Assert.Equal([1, 0], rows.Select(r => r.CutoffIndex));
        Assert.Equal([1f, 3f], rows.Select(r => r.Features.Get(FeatureId.OrdersTotal)));
        Assert.Equal([false, true], rows.Select(r => r.Churned)); // o2 within 30 days of the early cut-off; nothing after o3
        Assert.Equal([0, 2], rows.Select(r => r.Purchases.Frequency));
    }

    private static PointInTimeRow SingleRow(IReadOnlyList<CustomerEvent> events, ChurnDefinition? definition = null)
    {
        var replayer = new PointInTimeReplayer(definition ?? new ChurnDefinition(Horizon), [new ReplayCutoff(Cutoff, Horizon)]);
        var rows = new List<PointInTimeRow>();
        replayer.Replay("u1", events, rows.Add);
        return Assert.Single(rows);
    }
}
