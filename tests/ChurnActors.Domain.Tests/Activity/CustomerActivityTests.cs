using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using static ChurnActors.Domain.Tests.Activity.Events;

namespace ChurnActors.Domain.Tests.Activity;

public sealed class CustomerActivityTests
{
    [Fact]
    public void Apply_CountsEachEventOnce_WhenTheSameSequenceArrivesTwice()
    {
        var activity = new CustomerActivity();

        Assert.True(activity.Apply(Logged(1, Page(Start))));
        Assert.False(activity.Apply(Logged(1, Page(Start))));
        Assert.True(activity.Apply(Logged(2, Page(Start.AddHours(1)))));
        Assert.False(activity.Apply(Logged(2, Page(Start.AddHours(1)))));

        Assert.Equal(2, activity.EventsApplied);
        Assert.Equal(2, activity.Counts["page"]);
        Assert.Equal(2, activity.LastSequence);
    }

    [Fact]
    public void WindowsAsOf_KeepsCountingTheSameDay_AfterAStoredStateIsReadBack()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Page(Start)));
        activity.Apply(Logged(2, Page(Start.AddHours(1))));

        // Grain state is stored as System.Text.Json; the day buckets must come back as they were, and keep counting.
        var reread = System.Text.Json.JsonSerializer.Deserialize<CustomerActivity>(System.Text.Json.JsonSerializer.Serialize(activity))!;
        reread.Apply(Logged(3, Page(Start.AddHours(2))));

        Assert.Single(reread.Days);
        Assert.Equal(3, reread.WindowsAsOf(Start.AddHours(3)).Last7Days["page"]);
    }

    [Fact]
    public void Apply_IgnoresOlderSequences_WhenLogOrderIsBehindTheState()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(10, Page(Start)));

        Assert.False(activity.Apply(Logged(7, Page(Start))));
        Assert.Equal(1, activity.EventsApplied);
    }

    [Fact]
    public void Apply_TracksFirstAndLastSeen_WhenEventsArriveOutOfTimeOrder()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Page(Start)));
        activity.Apply(Logged(2, Page(Start.AddDays(-3))));
        activity.Apply(Logged(3, Page(Start.AddDays(2))));

        Assert.Equal(Start.AddDays(-3), activity.FirstSeen);
        Assert.Equal(Start.AddDays(2), activity.LastSeen);
    }

    [Fact]
    public void WindowsAsOf_CountsOnlyEventsInsideEachWindow_WhenHistorySpansMonths()
    {
        var activity = new CustomerActivity();
        var now = Start;
        long seq = 0;
        activity.Apply(Logged(++seq, Page(now.AddDays(-1))));     // in 7, 30, 90
        activity.Apply(Logged(++seq, Page(now.AddDays(-10))));    // in 30, 90
        activity.Apply(Logged(++seq, Page(now.AddDays(-60))));    // in 90
        activity.Apply(Logged(++seq, Page(now.AddDays(-200))));   // lifetime only
        activity.Apply(Logged(++seq, Track(EcommerceEvents.ProductViewed, now.AddDays(-2))));

        var windows = activity.WindowsAsOf(now);

        Assert.Equal(1, windows.Last7Days["page"]);
        Assert.Equal(2, windows.Last30Days["page"]);
        Assert.Equal(3, windows.Last90Days["page"]);
        Assert.Equal(4, activity.Counts["page"]);
        Assert.Equal(1, windows.Last7Days[EcommerceEvents.ProductViewed]);
    }

    [Fact]
    public void WindowsAsOf_DropsEvents_WhenTimePassesWithoutNewOnes()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Page(Start)));

        Assert.Equal(1, activity.WindowsAsOf(Start.AddDays(6)).Last7Days["page"]);
        Assert.False(activity.WindowsAsOf(Start.AddDays(8)).Last7Days.ContainsKey("page"));
        Assert.Equal(1, activity.WindowsAsOf(Start.AddDays(29)).Last30Days["page"]);
        Assert.Empty(activity.WindowsAsOf(Start.AddDays(91)).Last90Days);
    }

    [Fact]
    public void Apply_KeepsBucketsBounded_WhenAYearOfDailyEventsArrives()
    {
        var activity = new CustomerActivity();
        for (var day = 0; day < 365; day++)
        {
            activity.Apply(Logged(day + 1, Page(Start.AddDays(day))));
        }

        Assert.True(activity.Days.Count <= CustomerActivity.WindowDays);
        Assert.Equal(90, activity.WindowsAsOf(Start.AddDays(364)).Last90Days["page"]);
        Assert.Equal(365, activity.Counts["page"]);
    }

    [Fact]
    public void Apply_ReversesSpend_WhenAnOrderIsRefundedWithoutAnAmount()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        activity.Apply(Logged(2, Order(Start.AddDays(1), "o2", 60m)));
        activity.Apply(Logged(3, Track(EcommerceEvents.OrderRefunded, Start.AddDays(2), new CommerceDetails("o1", null, null, []))));

        Assert.Equal(2, activity.Orders);
        Assert.Equal(100m, activity.GrossRevenue);
        Assert.Equal(1, activity.Refunds);
        Assert.Equal(60m, activity.NetRevenue);
    }

    [Fact]
    public void Apply_ReversesOnlyTheRefundedAmount_WhenARefundIsPartial()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        activity.Apply(Logged(2, Track(EcommerceEvents.OrderRefunded, Start.AddDays(1), new CommerceDetails("o1", 15m, null, []))));
        activity.Apply(Logged(3, Track(EcommerceEvents.OrderCancelled, Start.AddDays(1), new CommerceDetails("o9", null, null, []))));

        Assert.Equal(25m, activity.NetRevenue);
        Assert.Equal(1, activity.Cancellations);
        Assert.Equal(Start, activity.LastOrderAt);
    }

    [Fact]
    public void MergeAnonymousHistory_CountsEarlierAnonymousBehaviour_Once()
    {
        var activity = new CustomerActivity();
        var identify = new CustomerEvent(CallType.Identify, null, Start, Start, "u1", "a1", CommerceDetails.None);
        var history = new[] { Page(Start.AddDays(-2), null, "a1"), Track(EcommerceEvents.ProductViewed, Start.AddDays(-1), null, null, "a1") };

        Assert.True(activity.NeedsAnonymousMerge(identify));
        activity.MergeAnonymousHistory("a1", history);
        activity.MergeAnonymousHistory("a1", history);
        activity.Apply(Logged(5, identify));

        Assert.False(activity.NeedsAnonymousMerge(identify));
        Assert.Equal(3, activity.EventsApplied);
        Assert.Equal(Start.AddDays(-2), activity.FirstSeen);
        Assert.Equal(1, activity.Counts[EcommerceEvents.ProductViewed]);
    }

    [Fact]
    public void Apply_GivesTheSameState_WhenTheSameEventsAreReplayed()
    {
        var events = Enumerable.Range(1, 200)
            .Select(i => Logged(i, i % 7 == 0 ? Order(Start.AddHours(i * 5), "o" + i, i) : Page(Start.AddHours(i * 5))))
            .ToList();
        var first = new CustomerActivity();
        var second = new CustomerActivity();
        events.ForEach(e => first.Apply(e));
        events.ForEach(e => second.Apply(e));

        var json1 = System.Text.Json.JsonSerializer.Serialize(first);
        var json2 = System.Text.Json.JsonSerializer.Serialize(second);
        Assert.Equal(json1, json2);
        var restored = System.Text.Json.JsonSerializer.Deserialize<CustomerActivity>(json1)!;
        Assert.Equal(first.NetRevenue, restored.NetRevenue);
        Assert.Equal(first.LastSequence, restored.LastSequence);
        Assert.Equal(first.WindowsAsOf(Start.AddDays(40)).Last30Days["page"], restored.WindowsAsOf(Start.AddDays(40)).Last30Days["page"]);
    }
}
