using System.Diagnostics;
using ChurnActors.Storage.Cluster;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// Recovers dead silos from the survivors. A node's checkpoint says up to which log sequence its events are in
/// persisted grain state; a node that dies leaves customers whose acknowledged events are only in the log (delivered to
/// grains it hosted, or committed by it and not yet delivered). Every <see cref="TakeoverOptions.PollInterval"/> this
/// service reads the membership table; for each node whose latest process is dead, exactly one survivor claims its
/// checkpoint (<see cref="INodeTakeoverStore"/>), catches up and writes every customer with events beyond it (the same
/// catch-up and parallelism as startup recovery; the write also re-arms each customer's wake-up and its score
/// projection row), and marks the takeover finished, which moves the dead node's checkpoint to where it caught up.
/// </summary>
public sealed class DeadNodeTakeoverService(
    INodeTakeoverStore takeovers,
    IEventLogReader eventLog,
    IGrainFactory grains,
    RecoveryStatus status,
    IOptions<NodeOptions> node,
    IOptions<TakeoverOptions> options,
    IOptions<ClusterOptions> cluster,
    TimeProvider time,
    ILogger<DeadNodeTakeoverService> logger) : BackgroundService
{
    private readonly TakeoverOptions _options = options.Value;
    private readonly string _self = node.Value.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.PollInterval, time);
        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                foreach (var dead in await takeovers.FindDeadNodesAsync(cluster.Value.ClusterId, _self, stoppingToken).ConfigureAwait(false))
                {
                    if (await takeovers.TryClaimAsync(dead, _self, _options.Lease, stoppingToken).ConfigureAwait(false) is { } checkpoint)
                    {
                        await TakeOverAsync(dead, checkpoint, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
#pragma warning disable CA1031 // The store may be briefly unreachable: the next round tries again, and a lapsed claim is claimed again.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                RecoveryLog.PollFailed(logger, ex);
            }
        }
    }

    /// <summary>Catches up every customer with events after <paramref name="checkpoint"/>, then marks the takeover finished.</summary>
    public async Task TakeOverAsync(DeadNode dead, long checkpoint, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(dead);
        var started = Stopwatch.StartNew();

        // The end of the log is read first: every event at or below it is in the scan that follows.
        var through = await eventLog.ReadLastSequenceAsync(stoppingToken).ConfigureAwait(false);
        var customers = await eventLog.CustomersWithEventsAfterAsync(checkpoint, stoppingToken).ConfigureAwait(false);
        RecoveryLog.Started(logger, dead.Node, dead.Generation, dead.DeadAt, checkpoint, customers.Count);

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewal = RenewAsync(dead, renewing.Token);
        try
        {
            await Parallel.ForEachAsync(
                customers,
                new ParallelOptions { MaxDegreeOfParallelism = node.Value.RecoveryParallelism, CancellationToken = stoppingToken },
                (customerKey, token) => new ValueTask(CustomerCatchUp.RunAsync(grains, customerKey, logger, time, token, persist: true))).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        if (await takeovers.CompleteAsync(dead, _self, through, customers.Count, stoppingToken).ConfigureAwait(false))
        {
            status.TookOver(customers.Count);
            RecoveryLog.Finished(logger, dead.Node, customers.Count, through, started.Elapsed.TotalSeconds);
        }
        else
        {
            RecoveryLog.ClaimLost(logger, dead.Node);
        }
    }

    private async Task RenewAsync(DeadNode dead, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Lease / 3, time);
        try
        {
            while (await timer.TickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await takeovers.RenewAsync(dead, _self, _options.Lease, cancellationToken).ConfigureAwait(false))
                    {
                        RecoveryLog.ClaimLost(logger, dead.Node);
                        return;
                    }
                }
#pragma warning disable CA1031 // A failed renewal is tried again at the next tick; the lease outlasts two of them.
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    RecoveryLog.PollFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The catch-up ended.
        }
    }
}
