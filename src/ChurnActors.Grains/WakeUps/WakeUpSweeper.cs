using System.Diagnostics;
using ChurnActors.Abstractions;
using ChurnActors.Grains.Customers;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.WakeUps;

/// <summary>
/// Wakes customers whose wake-up is due: claims due wake-ups in batches (oldest first), and calls each customer's
/// grain, which rescores as of now and schedules its next wake-up. A wake-up whose grain call fails keeps its lease
/// and comes due again when the lease ends, so none is lost.
/// </summary>
public sealed class WakeUpSweeper(
    IWakeUpIndex index,
    IGrainFactory grains,
    IOptions<WakeUpOptions> options,
    TimeProvider time,
    ILogger<WakeUpSweeper> logger) : BackgroundService
{
    private readonly WakeUpOptions _options = options.Value;
    private readonly UserGrainReferences _users = new(grains);
    private long _woken;
    private long _failed;
    private long _sweeps;
    private long _busyTicks;
    private int _running;
    private SweepSummary? _last;

    /// <summary>Customers woken since start.</summary>
    public long Woken => Interlocked.Read(ref _woken);

    /// <summary>Wake-ups whose grain call failed since start (they come due again after their lease).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>What the sweeper has done since start, for <c>GET /v1/admin/metrics</c>.</summary>
    public SweepStatistics Statistics => new(
        Woken,
        Failed,
        Interlocked.Read(ref _sweeps),
        TimeSpan.FromTicks(Interlocked.Read(ref _busyTicks)),
        Volatile.Read(ref _running) > 0,
        Volatile.Read(ref _last));

    /// <summary>Claims and wakes everything due now, batch after batch; returns how many customers were woken.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _running);
        try
        {
            return await SweepAllDueAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private async Task<int> SweepAllDueAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var total = 0;

        // The next batch is claimed while the current one is being woken: claims never overlap (leases), so the
        // database and the grains work at the same time.
        var claim = ClaimAsync(cancellationToken);
        while (true)
        {
            var due = await claim.ConfigureAwait(false);
            if (due.Count == 0)
            {
                break;
            }

            claim = due.Count < _options.BatchSize ? Task.FromResult<IReadOnlyList<DueWakeUp>>([]) : ClaimAsync(cancellationToken);
            await Parallel.ForEachAsync(
                due,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                async (wakeUp, _) =>
                {
                    try
                    {
                        await _users.For(wakeUp.CustomerKey).WakeAsync(wakeUp.DueAt).ConfigureAwait(false);
                        Interlocked.Increment(ref _woken);
                    }
#pragma warning disable CA1031 // One customer's failure must not stop the sweep; its lease brings it back.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        Interlocked.Increment(ref _failed);
                        WakeUpSweeperLog.WakeFailed(logger, wakeUp.CustomerKey, ex);
                    }
                }).ConfigureAwait(false);
            total += due.Count;
        }

        if (total > 0)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            Interlocked.Increment(ref _sweeps);
            Interlocked.Add(ref _busyTicks, elapsed.Ticks);
            Volatile.Write(ref _last, new SweepSummary(total, elapsed, time.GetUtcNow()));
            WakeUpSweeperLog.Swept(logger, total, elapsed.TotalSeconds);
        }

        return total;
    }

    private Task<IReadOnlyList<DueWakeUp>> ClaimAsync(CancellationToken cancellationToken) =>
        index.ClaimDueAsync(time.GetUtcNow(), _options.BatchSize, _options.Lease, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.SweepInterval, time);
        do
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be away for a while; the next tick tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WakeUpSweeperLog.SweepFailed(logger, ex);
            }
        }
        while (await timer.TickAsync(stoppingToken).ConfigureAwait(false));
    }
}
