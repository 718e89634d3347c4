using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Delivers committed events to their customers' grains. Batches arrive in commit order and are delivered in
/// rounds one after another (a round takes every batch queued so far; its calls run in parallel, one call per
/// customer), so every grain sees its events in sequence order. A failed delivery leaves the customer pending in the watermark and hands it to catch-up.
/// A delivery that starts with a customer's first event in the log notes the customer as new
/// (<see cref="NewCustomerHints"/>), so its activation skips the state read. What waits for delivery is counted by the
/// <see cref="DispatchAdmission"/> gate, which holds ingest while the backlog is at its bound. The completed orders of each
/// round are counted once for <see cref="OrderCommitSignal"/> (the lifetime fit waits on it while the history is short).
/// </summary>
public sealed class GrainDispatcher(
    IGrainFactory grains,
    AppliedWatermark watermark,
    PipelineMetrics metrics,
    NewCustomerHints newCustomers,
    DispatchAdmission admission,
    OrderCommitSignal orders,
    IOptions<NodeOptions> options,
    ILogger<GrainDispatcher> logger)
    : BackgroundService, ICommittedEventSink
{
    private readonly Channel<IReadOnlyList<LoggedEvent>> _committed =
        Channel.CreateUnbounded<IReadOnlyList<LoggedEvent>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<string> _catchUp = Channel.CreateUnbounded<string>();

    /// <summary>When each queued batch committed, in the order of <see cref="_committed"/> (for <see cref="PipelineMetrics"/>).</summary>
    private readonly ConcurrentQueue<long> _commitTimes = new();
    private readonly Lock _committing = new();

    /// <summary>Most events one delivery round takes from the queue; the rest wait for the next round.</summary>
    private const int MaxEventsPerRound = 32_768;

    private readonly UserGrainReferences _users = new(grains);
    private readonly int _parallelism = Math.Max(1, options.Value.DeliveryParallelism);
    private long _catchingUp;

    /// <summary>Committed events not yet delivered (<see cref="DispatchAdmission.Backlog"/>).</summary>
    public long Backlog => admission.Backlog;

    /// <summary>Customers whose delivery failed and who wait for (or are in) catch-up from the log.</summary>
    public long CatchingUp => Interlocked.Read(ref _catchingUp);

    public void Committed(IReadOnlyList<LoggedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        admission.Queued(batch.Count);
        lock (_committing)
        {
            _commitTimes.Enqueue(PipelineMetrics.Now());
            _committed.Writer.TryWrite(batch);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var catchUp = Task.Run(() => CatchUpLoopAsync(stoppingToken), stoppingToken);
        var round = new List<IReadOnlyList<LoggedEvent>>();
        var roundCommitTimes = new List<long>();
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var deliveries = new List<Delivery>();
        var calls = new List<Task>();
        try
        {
            var reader = _committed.Reader;
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Batches that queued up while the previous round ran go out together: one call per customer
                // carries its events of all of them, still in sequence order.
                round.Clear();
                roundCommitTimes.Clear();
                var events = 0;
                while (events < MaxEventsPerRound && reader.TryRead(out var batch))
                {
                    round.Add(batch);
                    roundCommitTimes.Add(_commitTimes.TryDequeue(out var committedAt) ? committedAt : PipelineMetrics.Now());
                    events += batch.Count;
                }

                var roundOrders = Group(round, slots, deliveries, roundCommitTimes);
                // At most _parallelism calls at once: each worker takes the round's next delivery when its call ends.
                calls.Clear();
                var next = -1;
                for (var w = Math.Min(_parallelism, deliveries.Count); w > 0; w--)
                {
                    calls.Add(DeliverRoundAsync(deliveries, () => Interlocked.Increment(ref next)));
                }

                await Task.WhenAll(calls).ConfigureAwait(false);
                watermark.Dispatched(round[^1][^1].Sequence);
                admission.Delivered(events);
                orders.OrdersCommitted(roundOrders);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _catchUp.Writer.TryComplete();
        await catchUp.ConfigureAwait(false);
    }

    /// <summary>Each customer's events of the round, in sequence order, in arrays sized up front; returns the round's completed orders.</summary>
    private static int Group(List<IReadOnlyList<LoggedEvent>> round, Dictionary<string, int> slots, List<Delivery> deliveries, List<long> commitTimes)
    {
        slots.Clear();
        deliveries.Clear();
        var orders = 0;
        for (var b = 0; b < round.Count; b++)
        {
            foreach (var logged in round[b])
            {
                if (logged.Event is { Call: CallType.Track, Name: EcommerceEvents.OrderCompleted })
                {
                    orders++;
                }

                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(slots, logged.CustomerKey, out var exists);
                if (!exists)
                {
                    slot = deliveries.Count;
                    deliveries.Add(new Delivery(logged.CustomerKey) { CommittedAt = commitTimes[b] });
                }

                deliveries[slot].Count++;
            }
        }

        foreach (var batch in round)
        {
            foreach (var logged in batch)
            {
                deliveries[slots[logged.CustomerKey]].Add(logged);
            }
        }

        return orders;
    }

    /// <summary>
    /// One worker of a round: delivers the round's next customer until none is left. The grain call is awaited here
    /// rather than in a method of its own, so a delivery costs one state machine, not two (a round of few events
    /// has about one worker per customer).
    /// </summary>
    private async Task DeliverRoundAsync(List<Delivery> deliveries, Func<int> take)
    {
        for (var i = take(); i < deliveries.Count; i = take())
        {
            var delivery = deliveries[i];
            var messages = delivery.Messages;
            try
            {
                if (messages[0].PreviousSequence == 0)
                {
                    newCustomers.Note(delivery.CustomerKey);
                }

                await _users.For(delivery.CustomerKey).ApplyAsync(messages).ConfigureAwait(false);
                metrics.RecordScored(delivery.CommittedAt, messages.Length);
            }
#pragma warning disable CA1031 // A failed delivery is recovered from the log; the dispatcher must go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                DeliveryFailed(delivery.CustomerKey, messages, ex);
            }
        }
    }

    private void DeliveryFailed(string customerKey, LoggedEvent[] messages, Exception ex)
    {
        DispatchLog.DeliveryFailed(logger, messages.Length, customerKey, ex);
        watermark.MarkPending(customerKey, messages[0].Sequence);
        Interlocked.Increment(ref _catchingUp);
        if (!_catchUp.Writer.TryWrite(customerKey))
        {
            Interlocked.Decrement(ref _catchingUp); // stopping: startup recovery catches it up next time
        }
    }

    private async Task CatchUpLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var customerKey in _catchUp.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // The catch-up writes the customer's state, so the pending mark the failed delivery left is cleared
                    // whichever silo hosts the grain (only a grain of this silo clears it by writing on its own).
                    var through = await CustomerCatchUp.RunAsync(grains, customerKey, logger, TimeProvider.System, stoppingToken, persist: true)
                        .ConfigureAwait(false);
                    watermark.MarkPersisted(customerKey, through);
                }
                finally
                {
                    Interlocked.Decrement(ref _catchingUp);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One customer's events of a dispatch round: counted first, then filled in sequence order.</summary>
    private sealed class Delivery(string customerKey)
    {
        private int _filled;

        public string CustomerKey { get; } = customerKey;

        public int Count { get; set; }

        /// <summary>When the oldest of these events committed (<see cref="PipelineMetrics.Now"/>).</summary>
        public long CommittedAt { get; init; }

        public LoggedEvent[] Messages { get; private set; } = [];

        public void Add(LoggedEvent message)
        {
            if (_filled == 0)
            {
                Messages = new LoggedEvent[Count];
            }

            Messages[_filled++] = message;
        }
    }
}
