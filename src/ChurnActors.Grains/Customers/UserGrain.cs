using ChurnActors.Abstractions;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// One customer. Applies its events in log order exactly once (each carries its log sequence; the state carries
/// the last one applied). A delivered event names the customer's previous event in the log; when that one is not
/// applied yet (after a crash, a failed delivery or a reordering) the grain first fills the gap from the event log,
/// and a grain that cannot tell (a read, a delivery without that information) catches up once per activation.
/// Activation itself reads nothing but the persisted state, so a burst of new customers costs one read each.
/// State is written behind: after
/// <see cref="WriteBehindOptions.MaxPendingEvents"/> events, after <see cref="WriteBehindOptions.MaxDelay"/>, and on
/// deactivation, never per event.
/// </summary>
public sealed class UserGrain(
    [PersistentState("activity", StorageNames.Customers)] IPersistentState<CustomerActivity> state,
    IEventLog eventLog,
    AppliedWatermark watermark,
    WriteThrottle throttle,
    IOptions<WriteBehindOptions> options,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private const int CatchUpPageSize = 5_000;

    private readonly WriteBehindOptions _options = options.Value;
    private long _pendingEvents;
    private long _persistedSequence;
    private IGrainTimer? _flushTimer;
    private bool _caughtUp;

    private string CustomerKey => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _persistedSequence = state.State.LastSequence;
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await PersistAsync();
    }

    public async Task ApplyAsync(EventMessage[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var message in events)
        {
            if (message.Sequence <= state.State.LastSequence)
            {
                continue;
            }

            var gap = message.PreviousSequence is { } previous ? previous > state.State.LastSequence : !_caughtUp;
            if (gap)
            {
                await CatchUpAsync(); // the log holds this event too: it is applied in order with the missing ones
            }
            else
            {
                await ApplyOneAsync(message.ToLogged(CustomerKey));
            }
        }

        await AfterApplyAsync();
    }

    public async Task<long> CatchUpAsync()
    {
        var total = 0;
        while (true)
        {
            var page = await eventLog.ReadCustomerAsync(CustomerKey, state.State.LastSequence, CatchUpPageSize, CancellationToken.None);
            foreach (var logged in page)
            {
                await ApplyOneAsync(logged);
            }

            total += page.Count;
            if (page.Count < CatchUpPageSize)
            {
                break;
            }
        }

        _caughtUp = true;

        if (total > 0)
        {
            UserGrainLog.CaughtUp(logger, CustomerKey, total, state.State.LastSequence);
            await AfterApplyAsync();
        }

        return state.State.LastSequence;
    }

    public async Task<CustomerView?> GetViewAsync()
    {
        if (!_caughtUp)
        {
            await CatchUpAsync();
        }

        var activity = state.State;
        if (activity.EventsApplied == 0)
        {
            return null;
        }

        var windows = activity.WindowsAsOf(time.GetUtcNow());
        return new CustomerView
        {
            UserId = CustomerKey,
            EventsApplied = activity.EventsApplied,
            LastSequence = activity.LastSequence,
            PersistedSequence = _persistedSequence,
            FirstSeen = activity.FirstSeen,
            LastSeen = activity.LastSeen,
            Counts = new Dictionary<string, long>(activity.Counts, StringComparer.Ordinal),
            Last7Days = windows.Last7Days,
            Last30Days = windows.Last30Days,
            Last90Days = windows.Last90Days,
            WindowsAsOf = windows.AsOf,
            Orders = activity.Orders,
            GrossRevenue = activity.GrossRevenue,
            Refunds = activity.Refunds,
            RefundedAmount = activity.RefundedAmount,
            Cancellations = activity.Cancellations,
            CancelledAmount = activity.CancelledAmount,
            NetRevenue = activity.NetRevenue,
            FirstOrderAt = activity.FirstOrderAt,
            LastOrderAt = activity.LastOrderAt,
            MergedAnonymousIds = [.. activity.MergedAnonymousIds],
        };
    }

    public Task FlushAsync() => PersistAsync();

    private async Task ApplyOneAsync(LoggedEvent logged)
    {
        var activity = state.State;
        if (activity.NeedsAnonymousMerge(logged.Event) && !CustomerKey.StartsWith(IncomingEvent.AnonymousKeyPrefix, StringComparison.Ordinal))
        {
            var anonymousId = logged.Event.AnonymousId!;
            var history = await eventLog.ReadAnonymousHistoryAsync(anonymousId, CustomerKey, CancellationToken.None);
            activity.MergeAnonymousHistory(anonymousId, history);
            UserGrainLog.MergedAnonymous(logger, CustomerKey, history.Count, anonymousId);
        }

        if (activity.Apply(logged))
        {
            if (_pendingEvents == 0)
            {
                watermark.MarkPending(CustomerKey, logged.Sequence);
            }

            _pendingEvents++;
            if (_options.WritePerEvent)
            {
                await PersistAsync();
            }
        }
    }

    private async Task AfterApplyAsync()
    {
        if (_pendingEvents >= _options.MaxPendingEvents)
        {
            await PersistAsync();
        }
        else if (_pendingEvents > 0 && _flushTimer is null)
        {
            _flushTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnFlushTimerAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = _options.MaxDelay, Period = Timeout.InfiniteTimeSpan, Interleave = false });
        }
    }

    private async Task OnFlushTimerAsync()
    {
        _flushTimer?.Dispose();
        _flushTimer = null;
        await PersistAsync();
        if (_pendingEvents > 0)
        {
            await AfterApplyAsync(); // the write failed: try again after another delay
        }
    }

    private async Task PersistAsync()
    {
        if (_pendingEvents == 0)
        {
            return;
        }

        var through = state.State.LastSequence;
        if (!_options.Enabled)
        {
            MarkPersisted(through);
            return;
        }

        try
        {
            await throttle.RunAsync(async () =>
            {
                await state.WriteStateAsync();
                return true;
            });
        }
#pragma warning disable CA1031 // A failed write leaves the state pending; the log still holds every event.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            UserGrainLog.WriteFailed(logger, CustomerKey, ex);
            return;
        }

        MarkPersisted(through);
    }

    private void MarkPersisted(long through)
    {
        _pendingEvents = 0;
        _persistedSequence = through;
        watermark.MarkPersisted(CustomerKey, through);
        _flushTimer?.Dispose();
        _flushTimer = null;
    }
}
