using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class GrainDispatcherTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A dispatcher and the admission gate it reports its backlog to.</summary>
    private (GrainDispatcher Dispatcher, DispatchAdmission Admission) NewDispatcher(int maxBacklog, TimeSpan maxWait)
    {
        var options = Options.Create(new NodeOptions { MaxDispatchBacklog = maxBacklog, MaxAdmissionWait = maxWait });
        var admission = new DispatchAdmission(options);
        var dispatcher = new GrainDispatcher(
            fixture.Grains,
            new AppliedWatermark(),
            new PipelineMetrics(),
            new NewCustomerHints(TimeProvider.System),
            admission,
            options,
            NullLogger<GrainDispatcher>.Instance);
        return (dispatcher, admission);
    }

    /// <summary>Logs <paramref name="count"/> page views of a new customer and returns them as committed.</summary>
    private async Task<(string Customer, IReadOnlyList<LoggedEvent> Logged)> LogPagesAsync(int count)
    {
        var customer = "cust-" + Guid.NewGuid().ToString("N");
        var events = Enumerable.Range(0, count)
            .Select(i => new IncomingEvent(
                "test", Guid.NewGuid().ToString("N"), null, null,
                new CustomerEvent(CallType.Page, null, At.AddMinutes(i), At.AddMinutes(i), customer, null, CommerceDetails.None)))
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
}
