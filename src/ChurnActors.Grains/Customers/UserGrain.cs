using ChurnActors.Abstractions;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Risk;
using ChurnActors.Grains.Retention;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Scores;
using ChurnActors.Storage.Telemetry;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;

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
/// Every delivery (the events of this customer committed together) is rescored with the silo's current model, and
/// so is every wake-up: when state is written, the grain also writes its one pending wake-up, the moment silence
/// would next raise its band, and the sweeper wakes it then. What is pending is counted in <see cref="PendingWrites"/>;
/// reads are answered through <see cref="CustomerViews"/>.
/// Each state write first writes the customer's row of the score projection (<see cref="ScoreRows"/>, batched across the
/// silo by <see cref="ScoreProjectionWriter"/>); each band change is handed to the same writer as it happens.
/// </summary>
public sealed class UserGrain(
    [PersistentState("activity", StorageNames.Customers)] IPersistentState<CustomerActivity> state,
    IEventLogReader eventLog,
    AppliedWatermark watermark,
    WriteThrottle throttle,
    IOptions<WriteBehindOptions> options,
    ScoringModels models,
    IWakeUpIndex wakeUps,
    IOptions<WakeUpOptions> wakeUpOptions,
    RetentionRuntime retention,
    ScoreProjectionWriter scores,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private const int CatchUpPageSize = 5_000;

    private readonly WriteBehindOptions _options = options.Value;
    private PendingWrites _pending;
    private bool _caughtUp;
    private bool _reloading;
    private CustomerRetention? _retention;
    private readonly SemaphoreSlim _retentionGate = new(1, 1);
    private Task _retentionRun = Task.CompletedTask;
    private Task _transitionWritten = Task.CompletedTask;

    private string CustomerKey => this.GetPrimaryKeyString();

    private CustomerRetention Retention => _retention ??= new CustomerRetention(retention, models, CustomerKey);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pending.Loaded(state.State.LastSequence);
        StartRetention(); // band changes the state noted before the last activation ended
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            // A retention round in progress finishes first, so the state written holds what it did.
            await _retentionRun.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: what the round had not done stays noted in the state and runs after the next activation.
        }

        await PersistAsync();
    }

    public async Task ApplyAsync(LoggedEvent[] events)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var span = events.Length == 0 ? null : ChurnActorsTracing.StartApply(events[0].Sequence, events.Length);
        foreach (var logged in events)
        {
            if (logged.Sequence <= state.State.LastSequence)
            {
                continue;
            }

            var gap = logged.PreviousSequence is { } previous ? previous > state.State.LastSequence : !_caughtUp;
            if (gap)
            {
                await CatchUpAsync(); // the log holds this event too: it is applied in order with the missing ones
            }
            else
            {
                await ApplyOneAsync(logged);
            }
        }

        Rescore(time.GetUtcNow());
        await AfterApplyAsync();
    }

    public async Task WakeAsync(DateTimeOffset dueAt)
    {
        ChurnActorsMetrics.WakeUps.Add(1);
        var now = time.GetUtcNow();
        Rescore(now);

        // The sweeper moved this wake-up to the end of its lease: always replace it.
        var next = NextWakeUp(now);
        await wakeUps.ScheduleAsync(CustomerKey, next, CancellationToken.None);
        state.State.Risk.NextWakeUp = next;
        UserGrainLog.Woken(logger, CustomerKey, dueAt, state.State.Risk.Band, next);
        StartRetention();
        if (_pending.RiskChanged)
        {
            await AfterApplyAsync();
        }
    }

    public async Task<long> CatchUpAsync()
    {
        if (await ApplyFromLogAsync() > 0)
        {
            Rescore(time.GetUtcNow());
            await AfterApplyAsync();
        }

        return state.State.LastSequence;
    }

    /// <summary>Applies the customer's events in the log after the state's last one; returns how many.</summary>
    private async Task<int> ApplyFromLogAsync()
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
        }

        return total;
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

        // A model published since the last rescoring (a new lifetime fit, a promoted classifier) applies from this
        // read on, without waiting for the customer's next event or wake-up.
        if (models.Current is { } current && (current.Name != activity.Risk.ModelName || current.Version != activity.Risk.ModelVersion))
        {
            Rescore(time.GetUtcNow());
            await AfterApplyAsync();
        }

        return CustomerViews.Of(CustomerKey, activity, _pending.PersistedSequence, models, time.GetUtcNow());
    }

    public async Task FlushAsync()
    {
        await _retentionRun; // what the retention work noted belongs to the state written
        await PersistAsync();
    }

    private async Task ApplyOneAsync(LoggedEvent logged)
    {
        var activity = state.State;
        if (activity.NeedsAnonymousMerge(logged.Event) && !CustomerKey.StartsWith(IncomingEvent.AnonymousKeyPrefix, StringComparison.Ordinal))
        {
            var anonymousId = logged.Event.AnonymousId!;
            IReadOnlyList<CustomerEvent> history = logged.AnonymousHistoryEmpty
                ? []
                : await eventLog.ReadAnonymousHistoryAsync(anonymousId, CustomerKey, CancellationToken.None);
            activity.MergeAnonymousHistory(anonymousId, history);
            UserGrainLog.MergedAnonymous(logger, CustomerKey, history.Count, anonymousId);
        }

        if (activity.Apply(logged))
        {
            Retention.Observe(activity.Retention, logged.Event);
            if (_pending.Applied())
            {
                watermark.MarkPending(CustomerKey, logged.Sequence);
            }

            if (_options.WritePerEvent)
            {
                await PersistAsync();
            }
        }
    }

    private void Rescore(DateTimeOffset asOf)
    {
        var activity = state.State;
        var model = models.Current;
        var outcome = model?.Score(activity, asOf) ?? ScoreOutcome.Insufficient(models.NoModelReason);
        var previousBand = activity.Risk.Band;
        var previousStatus = activity.Risk.Status;
        var firstScore = activity.Risk.BandSince is null;
        ChurnActorsMetrics.Rescores.Add(1);
        if (activity.Risk.Record(outcome, models.Bands, asOf))
        {
            UserGrainLog.BandRose(logger, CustomerKey, previousBand, activity.Risk.Band, outcome.Probability, outcome.ModelName, outcome.ModelVersion);
        }

        if (activity.Risk.Band != previousBand || (firstScore && activity.Risk.BandSince is not null))
        {
            ChurnActorsMetrics.BandTransitions.Add(
                1,
                new KeyValuePair<string, object?>(ChurnActorsMetrics.FromTag, ChurnActorsMetrics.BandTag(firstScore ? null : (int)previousBand)),
                new KeyValuePair<string, object?>(ChurnActorsMetrics.ToTag, ChurnActorsMetrics.BandTag((int)activity.Risk.Band)));

            // The key of the entry is the last event applied: a replay of the same events reaches it again.
            Retention.BandChanged(activity.Retention, firstScore ? null : previousBand, activity.Risk.Band, activity.LastSequence);
            _transitionWritten = scores.AppendAsync(ScoreRows.Transition(
                CustomerKey, activity.LastSequence, asOf, firstScore ? null : previousBand, activity.Risk.Band, activity.Risk.Probability));
        }

        _pending.RiskChanged |= activity.Risk.Band != previousBand || activity.Risk.Status != previousStatus;
    }

    /// <summary>When silence would next raise the band (or, failing that, when to look again).</summary>
    private DateTimeOffset NextWakeUp(DateTimeOffset now)
    {
        var next = NextRiskWakeUp(now);
        return CustomerRetention.NextOutcomeEnd(state.State.Retention) is { } ends && ends < next ? (ends > now ? ends : now) : next;
    }

    /// <summary>When silence would next raise the band (or, failing that, when to look again).</summary>
    private DateTimeOffset NextRiskWakeUp(DateTimeOffset now)
    {
        var recheck = now + wakeUpOptions.Value.RecheckAfter;
        var model = models.Current;
        if (model is null)
        {
            return recheck;
        }

        var activity = state.State;
        return RiskClock.NextRise(
            t => model.Score(activity, t) is { Status: ScoreStatus.Scored } outcome ? outcome.Probability : 0,
            models.Bands,
            activity.Risk.Band,
            now,
            wakeUpOptions.Value.SearchHorizon) ?? recheck;
    }

    public async Task<int> RunDueStepsAsync()
    {
        if (!_caughtUp)
        {
            await CatchUpAsync();
        }

        int due;
        await _retentionGate.WaitAsync();
        try
        {
            (due, _) = await Retention.RunDueStepsAsync(state.State, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            RetentionLog.RetentionFailed(logger, CustomerKey, ex);
            throw;
        }
        finally
        {
            _retentionGate.Release();
        }

        if (due > 0)
        {
            _pending.RiskChanged = true;
            await AfterApplyAsync();
        }

        return due;
    }

    public async Task<CampaignContactResult> ContactAsync(CampaignContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (!_caughtUp)
        {
            await CatchUpAsync(); // suppression traits and the time zone come from the customer's events
        }

        CampaignContactResult result;
        await _retentionGate.WaitAsync();
        try
        {
            result = await Retention.ContactAsync(state.State, contact, time.GetUtcNow());
        }
        catch (Exception ex)
        {
            RetentionLog.RetentionFailed(logger, CustomerKey, ex);
            throw;
        }
        finally
        {
            _retentionGate.Release();
        }

        if (result.Decision == "sent")
        {
            _pending.RiskChanged = true; // the contact is in the state the next write keeps
            await AfterApplyAsync();
        }

        return result;
    }

    /// <summary>
    /// Starts the retention work the last events and rescoring noted in the state (band changes to offer to the
    /// playbooks, exits, outcomes), unless it is running: it runs beside the grain's next turns, so ingest never waits
    /// for PostgreSQL on its behalf. What it changes goes out with the next state write; work that fails stays noted in
    /// the state and is tried again with the customer's next event, wake-up or activation.
    /// </summary>
    private void StartRetention()
    {
        if (_retentionRun.IsCompleted && CustomerRetention.HasWork(state.State.Retention, time.GetUtcNow()))
        {
            _retentionRun = RunRetentionAsync();
        }
    }

    private async Task RunRetentionAsync()
    {
        await _retentionGate.WaitAsync();
        try
        {
            // Work noted while a round ran is done by the next round; a few rounds at most.
            for (var round = 0; round < 4 && CustomerRetention.HasWork(state.State.Retention, time.GetUtcNow()); round++)
            {
                await Retention.RunAsync(state.State, time.GetUtcNow());
                _pending.RiskChanged = true;
            }
        }
#pragma warning disable CA1031 // The work stays noted in the state; the next event, wake-up or activation tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RetentionLog.RetentionFailed(logger, CustomerKey, ex);
        }
        finally
        {
            _retentionGate.Release();
        }

        EnsureFlushTimer();
    }

    private async Task AfterApplyAsync()
    {
        StartRetention();
        if (_pending.IsFull(_options))
        {
            await PersistAsync();
        }
        else
        {
            EnsureFlushTimer();
        }
    }

    private void EnsureFlushTimer()
    {
        if (_pending.NeedsTimer)
        {
            _pending.FlushTimer = this.RegisterGrainTimer(
                static (grain, _) => grain.OnFlushTimerAsync(),
                this,
                new GrainTimerCreationOptions { DueTime = PendingWrites.FlushDelay(_options), Period = Timeout.InfiniteTimeSpan, Interleave = false });
        }
    }

    private async Task OnFlushTimerAsync()
    {
        _pending.CancelTimer();
        await PersistAsync();
        if (_pending.Events > 0)
        {
            await AfterApplyAsync(); // the write failed: try again after another delay
        }
    }

    private async Task PersistAsync()
    {
        if (!_pending.Any)
        {
            return;
        }

        var through = state.State.LastSequence;
        if (!await ScheduleWakeUpAsync())
        {
            return;
        }

        if (!await ProjectAsync())
        {
            return;
        }

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
        catch (InconsistentStateException ex)
        {
            // The stored state is not the version this activation read (it started empty for a customer that had
            // state after all, see NewCustomerHints): take the stored state and catch up from the log, which holds
            // every event applied here. If that happens again right after reading (another activation writes too)
            // or the reload fails, step aside: the next activation reads whatever is stored, and the log fills in
            // the rest.
            UserGrainLog.StoredVersionDiffers(logger, CustomerKey, ex);
            if (_reloading || !await TryReloadAsync())
            {
                this.DeactivateOnIdle();
            }

            return;
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

    /// <summary>
    /// Replaces this activation's state with the stored one, applies what the log holds beyond it and writes the
    /// result at once (with the stored version); if the log holds nothing more, the stored state is complete.
    /// False when the store or the log failed midway: nothing is marked persisted then, so the customer stays
    /// pending (held back in the watermark) until an activation reads the stored state and catches up.
    /// </summary>
    private async Task<bool> TryReloadAsync()
    {
        _reloading = true;
        try
        {
            await state.ReadStateAsync();
            _pending.Loaded(state.State.LastSequence);
            _caughtUp = false;
            if (await ApplyFromLogAsync() > 0)
            {
                await PersistAsync();
            }
            else
            {
                MarkPersisted(state.State.LastSequence);
            }

            return true;
        }
#pragma warning disable CA1031 // The store or the log failed midway: this activation's state is not to be trusted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            UserGrainLog.WriteFailed(logger, CustomerKey, ex);
            return false;
        }
        finally
        {
            _reloading = false;
        }
    }

    /// <summary>
    /// Writes the customer's row of the score projection and its band transitions before its state, so that once the
    /// state (and with it the applied watermark) counts as persisted, the projection shows it: a crash before the state
    /// write replays the events, which writes the row again. False when the projection could not be written in time;
    /// the state stays pending and is written with the next attempt (the row stays queued in the writer meanwhile).
    /// </summary>
    private async Task<bool> ProjectAsync()
    {
        var activity = state.State;
        if (activity.EventsApplied == 0)
        {
            return true; // nothing a read would show
        }

        var now = time.GetUtcNow();
        var row = ScoreRows.Of(CustomerViews.Of(CustomerKey, activity, _pending.PersistedSequence, models, now), activity, now);
        try
        {
            await Task.WhenAll(scores.WriteAsync(row), _transitionWritten).WaitAsync(scores.WaitLimit);
        }
#pragma warning disable CA1031 // The state stays pending and is written, with the projection, on the next attempt.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            UserGrainLog.ProjectionWriteFailed(logger, CustomerKey, ex);
            if (_transitionWritten.IsFaulted)
            {
                // Only a writer shut down fails a task; the band change is noted again when the events are replayed.
                _transitionWritten = Task.CompletedTask;
            }

            return false;
        }

        return true;
    }

    /// <summary>
    /// Writes the customer's next wake-up before its state, so that once the state (and with it the applied
    /// watermark) counts as persisted, the wake-up is durable too. False when the index could not be written.
    /// </summary>
    private async Task<bool> ScheduleWakeUpAsync()
    {
        // Silence may have moved the risk since the last delivery: the state written carries today's score.
        var now = time.GetUtcNow();
        Rescore(now);
        var risk = state.State.Risk;
        var next = NextWakeUp(now);
        if (risk.NextWakeUp is { } current && (current - next).Duration() < RiskClock.Resolution)
        {
            return true;
        }

        try
        {
            await wakeUps.ScheduleAsync(CustomerKey, next, CancellationToken.None);
        }
#pragma warning disable CA1031 // The events stay pending and the write is retried with them.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            UserGrainLog.WakeUpWriteFailed(logger, CustomerKey, ex);
            return false;
        }

        risk.NextWakeUp = next;
        return true;
    }

    private void MarkPersisted(long through)
    {
        _pending.Persisted(through);
        watermark.MarkPersisted(CustomerKey, through);
    }
}
