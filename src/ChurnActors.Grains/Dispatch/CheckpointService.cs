using System.Diagnostics;
using ChurnActors.Abstractions;
using ChurnActors.Grains.Customers;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Dispatch;

/// <summary>
/// At startup, catches up every customer with events beyond this node's last checkpoint (events acknowledged
/// before a crash but not yet in persisted state), without waiting for new events. Afterwards, records the
/// applied watermark as the node's checkpoint, every <see cref="NodeOptions.CheckpointInterval"/>, and once more when
/// the host has stopped: by then the silo has deactivated its grains, which wrote their state, so a drained node's
/// checkpoint reaches what it delivered and its next start has nothing of it to replay.
/// </summary>
public sealed class CheckpointService(
    ICheckpointStore checkpoints,
    IEventLogReader eventLog,
    IGrainFactory grains,
    AppliedWatermark watermark,
    RecoveryStatus status,
    IOptions<NodeOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<CheckpointService> logger) : BackgroundService
{
    /// <summary>Longest the final checkpoint write may hold up the end of the process.</summary>
    private static readonly TimeSpan FinalWriteTimeout = TimeSpan.FromSeconds(5);

    private readonly NodeOptions _options = options.Value;
    private CancellationTokenRegistration _final;
    private long _recorded = -1;

    public override void Dispose()
    {
        _final.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken).ConfigureAwait(false);
        _final = lifetime.ApplicationStopped.Register(WriteFinalCheckpoint);

        using var timer = new PeriodicTimer(_options.CheckpointInterval, time);
        do
        {
            // Written whenever it moves, back as well: log writers of several silos number their commits from one
            // sequence, so a grain here can take another silo's event numbered below what was last recorded.
            var through = watermark.AppliedThrough;
            if (through != Volatile.Read(ref _recorded))
            {
                try
                {
                    await checkpoints.WriteCheckpointAsync(_options.Name, through, stoppingToken).ConfigureAwait(false);
                    Volatile.Write(ref _recorded, through);
                }
#pragma warning disable CA1031 // The checkpoint is an optimisation of recovery; failing to record it loses nothing.
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    DispatchLog.CheckpointFailed(logger, ex);
                }
            }
        }
        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Runs when the host has stopped (hosted services, the silo and its grains included).</summary>
    private void WriteFinalCheckpoint()
    {
        var through = watermark.AppliedThrough;
        if (through == Volatile.Read(ref _recorded))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(FinalWriteTimeout);
            checkpoints.WriteCheckpointAsync(_options.Name, through, timeout.Token).GetAwaiter().GetResult();
            RecoveryLog.FinalCheckpoint(logger, through);
        }
#pragma warning disable CA1031 // The process is ending: a checkpoint not written only means more to replay at the next start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            DispatchLog.CheckpointFailed(logger, ex);
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.StartNew();
        long checkpoint;
        long lastSequence;
        IReadOnlyList<string> customers;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                checkpoint = await checkpoints.ReadCheckpointAsync(_options.Name, stoppingToken).ConfigureAwait(false);
                watermark.BeginRecovery(checkpoint);
                lastSequence = await eventLog.ReadLastSequenceAsync(stoppingToken).ConfigureAwait(false);
                customers = await eventLog.CustomersWithEventsAfterAsync(checkpoint, stoppingToken).ConfigureAwait(false);
                break;
            }
#pragma warning disable CA1031 // The store may come up after the host: keep trying.
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                DispatchLog.CatchUpFailed(logger, "(recovery scan)", attempt, ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, attempt)), time, stoppingToken).ConfigureAwait(false);
            }
        }

        status.Start(customers.Count);
        DispatchLog.RecoveryStarted(logger, checkpoint, customers.Count);
        var lastReport = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            customers,
            new ParallelOptions { MaxDegreeOfParallelism = _options.RecoveryParallelism, CancellationToken = stoppingToken },
            async (customerKey, token) =>
            {
                await CustomerCatchUp.RunAsync(grains, customerKey, logger, time, token).ConfigureAwait(false);
                status.Advance();
                if (lastReport.Elapsed > TimeSpan.FromSeconds(2))
                {
                    lastReport.Restart();
                    DispatchLog.RecoveryProgress(logger, status.Done, customers.Count);
                }
            }).ConfigureAwait(false);

        watermark.EndRecovery(lastSequence);
        status.Finish();
        DispatchLog.RecoveryFinished(logger, customers.Count, lastSequence, started.Elapsed.TotalSeconds);
    }
}
