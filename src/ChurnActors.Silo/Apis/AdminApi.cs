using ChurnActors.Silo.Admin;
using System.Diagnostics;
using System.Runtime;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Silo.Ingest;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// What an operator (and the <c>churnactors bench</c> commands) reads and does on one silo: its pipeline latencies
/// and sweep counters, its memory, and rescoring customers now. Every call needs a write key.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/metrics", GetMetrics);
        app.MapPost("/v1/admin/metrics/reset", ResetMetrics);
        app.MapGet("/v1/admin/memory", GetMemoryAsync);
        app.MapGet("/v1/admin/wakeups", GetWakeUpsAsync);
        app.MapPost("/v1/admin/wakeups/advance", AdvanceWakeUpsAsync);
        return app;
    }

    private static IResult GetMetrics(HttpContext context, AdminKeys admin, WriteKeys keys, PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher) =>
        Refuse(context, admin, keys) ?? TypedResults.Ok(Describe(metrics, sweeper, dispatcher));

    private static IResult ResetMetrics(HttpContext context, AdminKeys admin, WriteKeys keys, PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher)
    {
        if (Refuse(context, admin, keys) is { } refused)
        {
            return refused;
        }

        metrics.Reset();
        return TypedResults.Ok(Describe(metrics, sweeper, dispatcher));
    }

    /// <summary>
    /// The process's memory. With <c>collect=true</c>, first a forced, blocking, compacting full collection (large
    /// objects too), so the managed heap is what is live. The silo stops for it: not for a loaded production node.
    /// </summary>
    private static async Task<IResult> GetMemoryAsync(
        HttpContext context, AdminKeys admin, WriteKeys keys, IGrainFactory grains, IOptions<GrainCollectionOptions> collection, bool? collect)
    {
        if (Refuse(context, admin, keys) is { } refused)
        {
            return refused;
        }

        var collecting = Stopwatch.StartNew();
        if (collect == true)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }

        collecting.Stop();
        var info = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount().ConfigureAwait(false);
        return TypedResults.Ok(new
        {
            collected = collect == true,
            collectSeconds = Math.Round(collecting.Elapsed.TotalSeconds, 3),
            gcHeapBytes = GC.GetTotalMemory(forceFullCollection: false),
            gcHeapSizeBytes = info.HeapSizeBytes,
            gcCommittedBytes = info.TotalCommittedBytes,
            workingSetBytes = process.WorkingSet64,
            privateBytes = process.PrivateMemorySize64,
            activations,
            grainCollectionAgeSeconds = collection.Value.CollectionAge.TotalSeconds,
            serverGc = GCSettings.IsServerGC,
            processors = Environment.ProcessorCount,
            gc = new
            {
                gen0Collections = GC.CollectionCount(0),
                gen1Collections = GC.CollectionCount(1),
                gen2Collections = GC.CollectionCount(2),
                pauseSeconds = Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3),
                allocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
                lastPausePercent = Math.Round(info.PauseTimePercentage, 2),
                lastEphemeral = Describe(GC.GetGCMemoryInfo(GCKind.Ephemeral)),
                lastFull = Describe(GC.GetGCMemoryInfo(GCKind.FullBlocking)),
            },
        });
    }

    private static object Describe(GCMemoryInfo gc) => new
    {
        index = gc.Index,
        generation = gc.Generation,
        pauseMs = Math.Round(gc.PauseDurations[0].TotalMilliseconds, 1),
        promotedBytes = gc.PromotedBytes,
        heapSizeBytes = gc.HeapSizeBytes,
        pinnedObjects = gc.PinnedObjectsCount,
        compacted = gc.Compacted,
        fragmentedBytes = gc.FragmentedBytes,
    };

    private static async Task<IResult> GetWakeUpsAsync(HttpContext context, AdminKeys admin, WriteKeys keys, IWakeUpIndex index, TimeProvider time, string? prefix)
    {
        if (Refuse(context, admin, keys) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var backlog = prefix is null
            ? await index.ReadBacklogAsync(now, context.RequestAborted).ConfigureAwait(false)
            : await index.ReadBacklogAsync(prefix, now, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new { prefix, pending = backlog.Pending, due = backlog.Due, earliest = backlog.Earliest });
    }

    private static async Task<IResult> AdvanceWakeUpsAsync(HttpContext context, AdminKeys admin, WriteKeys keys, IWakeUpIndex index, TimeProvider time, string? prefix)
    {
        if (Refuse(context, admin, keys) is { } refused)
        {
            return refused;
        }

        if (prefix is null)
        {
            return Problems.Malformed(
                "Name the customers to rescore now with ?prefix=<customer key prefix> (prefix= with nothing after it means every customer).");
        }

        var advanced = await index.AdvanceAsync(prefix, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new { prefix, advanced });
    }

    private static object Describe(PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher)
    {
        var latency = metrics.CommitToScore.Snapshot();
        var sweep = sweeper.Statistics;
        return new
        {
            since = metrics.Since,
            commitToScoreMs = new
            {
                count = latency.Count,
                mean = Ms(latency.Mean),
                p50 = Ms(latency.Percentile(50)),
                p90 = Ms(latency.Percentile(90)),
                p99 = Ms(latency.Percentile(99)),
                p999 = Ms(latency.Percentile(99.9)),
                max = Ms(latency.Max),
            },
            sweeper = new
            {
                woken = sweep.Woken,
                failed = sweep.Failed,
                sweeps = sweep.Sweeps,
                busySeconds = Math.Round(sweep.Busy.TotalSeconds, 3),
                running = sweep.Running,
                last = sweep.Last is { } last
                    ? new { customers = last.Customers, seconds = Math.Round(last.Elapsed.TotalSeconds, 3), finishedAt = last.FinishedAt }
                    : null,
            },
            dispatchBacklog = dispatcher.Backlog,
        };
    }

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000, 3);

    private static IResult? Refuse(HttpContext context, AdminKeys admin, WriteKeys keys) => admin.Refusal(context, keys);
}
