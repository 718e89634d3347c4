using System.Threading.Channels;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Customers;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Delivers committed events to their customers' grains. Batches arrive in commit order and are delivered one
/// after another (the calls of one batch run in parallel, one call per customer), so every grain sees its events
/// in sequence order. A failed delivery leaves the customer pending in the watermark and hands it to catch-up.
/// </summary>
public sealed class GrainDispatcher(IGrainFactory grains, AppliedWatermark watermark, ILogger<GrainDispatcher> logger)
    : BackgroundService, ICommittedEventSink
{
    private readonly Channel<IReadOnlyList<LoggedEvent>> _committed =
        Channel.CreateUnbounded<IReadOnlyList<LoggedEvent>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Channel<string> _catchUp = Channel.CreateUnbounded<string>();

    private long _queuedEvents;

    /// <summary>Committed events not yet delivered.</summary>
    public long Backlog => Interlocked.Read(ref _queuedEvents);

    public void Committed(IReadOnlyList<LoggedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Interlocked.Add(ref _queuedEvents, batch.Count);
        _committed.Writer.TryWrite(batch);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var catchUp = Task.Run(() => CatchUpLoopAsync(stoppingToken), stoppingToken);
        var byCustomer = new Dictionary<string, List<EventMessage>>(StringComparer.Ordinal);
        var calls = new List<Task>();
        try
        {
            await foreach (var batch in _committed.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                byCustomer.Clear();
                foreach (var logged in batch)
                {
                    if (!byCustomer.TryGetValue(logged.CustomerKey, out var list))
                    {
                        byCustomer[logged.CustomerKey] = list = [];
                    }

                    list.Add(logged.ToMessage());
                }

                calls.Clear();
                foreach (var (customerKey, messages) in byCustomer)
                {
                    calls.Add(DeliverAsync(customerKey, [.. messages]));
                }

                await Task.WhenAll(calls).ConfigureAwait(false);
                watermark.Dispatched(batch[^1].Sequence);
                Interlocked.Add(ref _queuedEvents, -batch.Count);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _catchUp.Writer.TryComplete();
        await catchUp.ConfigureAwait(false);
    }

    private async Task DeliverAsync(string customerKey, EventMessage[] messages)
    {
        try
        {
            await grains.GetGrain<IUserGrain>(customerKey).ApplyAsync(messages).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed delivery is recovered from the log; the dispatcher must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DispatchLog.DeliveryFailed(logger, messages.Length, customerKey, ex);
            watermark.MarkPending(customerKey, messages[0].Sequence);
            _catchUp.Writer.TryWrite(customerKey);
        }
    }

    private async Task CatchUpLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var customerKey in _catchUp.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await grains.GetGrain<IUserGrain>(customerKey).CatchUpAsync().ConfigureAwait(false);
                        break;
                    }
#pragma warning disable CA1031 // Keep trying: the customer's events are durable and must reach it.
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        DispatchLog.CatchUpFailed(logger, customerKey, attempt, ex);
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
