using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using Orleans.Runtime;

namespace ChurnActors.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class UserGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static string NewCustomer() => "cust-" + Guid.NewGuid().ToString("N");

    private static IncomingEvent Incoming(string userId, string name, int minute, string? anonymousId = null, string? messageId = null)
    {
        var call = name == "identify" ? CallType.Identify : name == "page" ? CallType.Page : CallType.Track;
        var commerce = name == EcommerceEvents.OrderCompleted ? new CommerceDetails("o" + minute, 10m, null, []) : CommerceDetails.None;
        return new IncomingEvent(
            "test",
            messageId ?? Guid.NewGuid().ToString("N"),
            null,
            null,
            new CustomerEvent(call, call == CallType.Track ? name : null, At.AddMinutes(minute), At.AddMinutes(minute),
                userId.StartsWith("anon:", StringComparison.Ordinal) ? null : userId, anonymousId, commerce));
    }

    /// <summary>Appends to the log and returns what was committed, as the dispatcher would deliver it.</summary>
    private async Task<LoggedEvent[]> LogAsync(params IncomingEvent[] events)
    {
        await fixture.EventLog.AppendAsync(events, CancellationToken.None);
        var keys = events.Select(e => e.DefaultCustomerKey).Distinct().ToList();
        var logged = new List<LoggedEvent>();
        foreach (var key in keys)
        {
            logged.AddRange(await fixture.EventLog.ReadCustomerAsync(key, 0, 10_000, CancellationToken.None));
        }

        return [.. logged.Where(l => events.Any(e => e.Event == l.Event)).OrderBy(l => l.Sequence)];
    }

    private async Task DeactivateAllAsync()
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
    }

    [Fact]
    public async Task ApplyAsync_AppliesEachEventOnceInLogOrder_WhenDeliveriesOverlap()
    {
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        var messages = await LogAsync(
            Incoming(customer, "page", 1),
            Incoming(customer, EcommerceEvents.ProductViewed, 2),
            Incoming(customer, EcommerceEvents.ProductAdded, 3),
            Incoming(customer, EcommerceEvents.OrderCompleted, 4));

        await grain.ApplyAsync(messages[..3]);
        await grain.ApplyAsync(messages[1..]);
        await grain.ApplyAsync(messages);

        var view = await grain.GetViewAsync();
        Assert.NotNull(view);
        Assert.Equal(4, view.EventsApplied);
        Assert.Equal(messages[^1].Sequence, view.LastSequence);
        Assert.Equal(1, view.Orders);
        Assert.Equal(At.AddMinutes(4), view.LastSeen);
    }

    [Fact]
    public async Task OnActivate_CatchesUpFromTheLog_WhenEventsWereNeverDelivered()
    {
        var customer = NewCustomer();
        await LogAsync(Incoming(customer, "page", 1), Incoming(customer, EcommerceEvents.OrderCompleted, 2));

        var view = await fixture.Grains.GetGrain<IUserGrain>(customer).GetViewAsync();

        Assert.NotNull(view);
        Assert.Equal(2, view.EventsApplied);
        Assert.Equal(10m, view.NetRevenue);
    }

    [Fact]
    public async Task GetViewAsync_ReturnsNull_WhenTheCustomerHasNoEvents()
    {
        Assert.Null(await fixture.Grains.GetGrain<IUserGrain>(NewCustomer()).GetViewAsync());
    }

    [Fact]
    public async Task ApplyAsync_WritesStateBehind_AfterMaxPendingEventsNotPerEvent()
    {
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        Assert.Null(await grain.GetViewAsync()); // active before its events are logged, so they arrive by delivery
        var events = Enumerable.Range(1, ClusterFixture.MaxPendingEvents).Select(i => Incoming(customer, "page", i)).ToArray();
        var messages = await LogAsync(events);

        await grain.ApplyAsync(messages[..^1]);
        var before = await grain.GetViewAsync();
        await grain.ApplyAsync(messages[^1..]);
        var after = await grain.GetViewAsync();

        Assert.Equal(0, before!.PersistedSequence);
        Assert.Equal(messages[^1].Sequence, after!.PersistedSequence);
    }

    [Fact]
    public async Task ApplyAsync_WritesPendingStateAfterTheDelay_WhenFewEventsArrive()
    {
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        Assert.Null(await grain.GetViewAsync());
        var messages = await LogAsync(Incoming(customer, "page", 1));
        await grain.ApplyAsync(messages);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        CustomerView? view;
        do
        {
            await Task.Delay(50);
            view = await grain.GetViewAsync();
        }
        while (view!.PersistedSequence == 0 && DateTime.UtcNow < deadline);

        Assert.True(view.PersistedSequence == messages[0].Sequence, "pending state was not written within 10 s of the write-behind delay (300 ms)");
    }

    [Fact]
    public async Task Reactivation_ResumesFromPersistedStateAndReplaysTheRest_WhenTheLogIsAhead()
    {
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        var delivered = await LogAsync(Enumerable.Range(1, 3).Select(i => Incoming(customer, "page", i)).ToArray());
        await grain.ApplyAsync(delivered);
        await grain.FlushAsync();
        await DeactivateAllAsync();

        // Acknowledged while the grain was away: only the log has them.
        await fixture.EventLog.AppendAsync([Incoming(customer, EcommerceEvents.OrderCompleted, 10), Incoming(customer, "page", 11)], CancellationToken.None);

        var view = await grain.GetViewAsync();
        Assert.Equal(5, view!.EventsApplied);
        Assert.Equal(1, view.Orders);
        Assert.Equal(delivered[^1].Sequence, view.PersistedSequence);
    }

    [Fact]
    public async Task ApplyAsync_MergesEarlierAnonymousBehaviour_WhenIdentifyLinksTheVisitor()
    {
        var customer = NewCustomer();
        var anonymousId = "a-" + Guid.NewGuid().ToString("N");
        var anonymousKey = IncomingEvent.AnonymousKeyPrefix + anonymousId;
        await LogAsync(Incoming(anonymousKey, "page", 1, anonymousId), Incoming(anonymousKey, EcommerceEvents.ProductViewed, 2, anonymousId));
        var identify = await LogAsync(Incoming(customer, "identify", 3, anonymousId));

        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync(identify);
        var view = await grain.GetViewAsync();

        Assert.Equal(3, view!.EventsApplied);
        Assert.Equal(1, view.Counts[EcommerceEvents.ProductViewed]);
        Assert.Equal(At.AddMinutes(1), view.FirstSeen);
        Assert.Equal([anonymousId], view.MergedAnonymousIds);

        // After the link, anonymous-only events go straight to the customer.
        await fixture.EventLog.AppendAsync([Incoming(anonymousKey, "page", 4, anonymousId)], CancellationToken.None);
        await grain.CatchUpAsync();
        Assert.Equal(4, (await grain.GetViewAsync())!.EventsApplied);
    }

    [Fact]
    public async Task Watermark_HoldsBelowUnpersistedEvents_UntilTheGrainWritesThem()
    {
        var customer = NewCustomer();
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        Assert.Null(await grain.GetViewAsync());
        var messages = await LogAsync(Incoming(customer, "page", 1));
        fixture.Watermark.Dispatched(messages[0].Sequence);

        await grain.ApplyAsync(messages);
        Assert.True(fixture.Watermark.IsPending(customer));
        Assert.True(fixture.Watermark.AppliedThrough < messages[0].Sequence);

        await grain.FlushAsync();
        Assert.False(fixture.Watermark.IsPending(customer));
    }
}
