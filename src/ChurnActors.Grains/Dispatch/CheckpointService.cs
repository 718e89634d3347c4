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
/// applied watermark as the node's checkpoint, every <see cref="NodeOptions.CheckpointInterval"/>.
/// </summary>
public sealed class CheckpointService(
    ICheckpointStore checkpoints,
    IEventLogReader eventLog,
    IGrainFactory grains,
    AppliedWatermark watermark,
    RecoveryStatus status,
    IOptions<NodeOptions> options,
    TimeProvider time,
    ILogger<CheckpointService> logger) : BackgroundService
{
    private readonly NodeOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken).ConfigureAwait(false);

        long recorded = -1;
        using var timer = new PeriodicTimer(_options.CheckpointInterval, time);
        do
        {
            var through = watermark.AppliedThrough;
            if (through > recorded)
            {
                try
                {
                    await checkpoints.WriteCheckpointAsync(_options.Name, through, stoppingToken).ConfigureAwait(false);
                    recorded = through;
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
