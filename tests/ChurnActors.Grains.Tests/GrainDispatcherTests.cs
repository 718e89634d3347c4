using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainDispatcherTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A dispatcher and the admission gate it reports its backlog to.</summary>
    private (GrainDispatcher Dispatcher, DispatchAdmission Admission) NewDispatcher(int maxBacklog, TimeSpan maxWait, OrderCommitSignal? orders = null)
    {
        var options = Options.Create(new NodeOptions { MaxDispatchBacklog = maxBacklog, MaxAdmissionWait = maxWait });
        var admission = new DispatchAdmission(options);
        var dispatcher = new GrainDispatcher(
            fixture.Grains,
            new AppliedWatermark(),
            new PipelineMetrics(),
            new NewCustomerHints(TimeProvider.System),
            admission,
            orders ?? new OrderCommitSignal(),
            options,
            NullLogger<GrainDispatcher>.Instance);
        return (dispatcher, admission);
    }

    /// <summary>Logs <paramref name="count"/> page views of a new customer and returns them as committed.</summary>
    private Task<(string Customer, IReadOnlyList<LoggedEvent> Logged)> LogPagesAsync(int count) => LogAsync(count, orders: 0);

    /// <summary>Logs <paramref name="count"/> events of a new customer, the last <paramref name="orders"/> of them completed orders.</summary>
    private async Task<(string Customer, IReadOnlyList<LoggedEvent> Logged)> LogAsync(int count, int orders)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N");
        var events = Enumerable.Range(0, count)
            .Select(i => new IncomingEvent(
                "test", Guid.NewGuid().ToString("N"), null, null,
                i >= count - orders
                    ? new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, At.AddMinutes(i), At.AddMinutes(i), customer, null, CommerceDetails.None)
                    : new CustomerEvent(CallType.Page, null, At.AddMinutes(i), At.AddMinutes(i), customer, null, CommerceDetails.None)))
            .ToList();
        await fixture.EventLog.AppendAsync(events, CancellationToken.None);
        return (customer, await fixture.EventLog.ReadCustomerAsync(customer, 0, 10_000, CancellationToken.None));
    }

    [Fact]
    public async Task WaitForRoomAsync_RefusesAfterTheWait_WhenTheBacklogStaysAtItsBound()
    {
        // Not started: nothing is delivered, so the backlog never shrinks.
        var (dispatcher, admission) = NewDispatcher(maxBacklog: 4, maxWait: TimeSpan.FromMilliseconds(100));
        var (_, logged) = await LogPagesAsync(4);
        Assert.True(await admission.WaitForRoomAsync(CancellationToken.None));

        dispatcher.Committed(logged);

        Assert.Equal(4, admission.Backlog);
        Assert.False(await admission.WaitForRoomAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WaitForRoomAsync_AdmitsAgain_OnceTheGrainsHaveAppliedTheBacklog()
    {
        var (dispatcher, admission) = NewDispatcher(maxBacklog: 4, maxWait: TimeSpan.FromSeconds(30));
        var (customer, logged) = await LogPagesAsync(6);
        dispatcher.Committed(logged);
        var waiting = admission.WaitForRoomAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal(0, admission.Backlog);
            var view = await fixture.Grains.GetGrain<IUserGrain>(customer).GetViewAsync();
            Assert.Equal(6, view?.EventsApplied);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ExecuteAsync_CountsTheCompletedOrdersItDelivers_ForTheLifetimeFit()
    {
        var orders = new OrderCommitSignal();
        var (dispatcher, _) = NewDispatcher(maxBacklog: 100, maxWait: TimeSpan.FromSeconds(30), orders);
        var (_, logged) = await LogAsync(5, orders: 2);
        dispatcher.Committed(logged);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await orders.WaitForAsync(2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(2, orders.Committed);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }
}
