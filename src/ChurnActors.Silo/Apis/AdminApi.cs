using System.Diagnostics;
using System.Runtime;
using ChurnActors.Api.Contracts;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Hosting;
using ChurnActors.Storage.WakeUps;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// What an operator (and the <c>churnactors bench</c> commands) reads and does on one silo: its pipeline latencies
/// and sweep counters, its memory, fitting the shop's lifetime model now, and rescoring customers now. Admin keys only. The calls that only benchmarks need
/// (resetting the metrics, a forced full collection, advancing wake-ups) answer 404 unless
/// <see cref="AdminOptions.BenchmarkEndpoints"/> is on.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").RequireAdminKey().WithTags("Admin");
        admin.MapGet("/metrics", GetMetrics);
        admin.MapPost("/metrics/reset", ResetMetrics).BenchmarkOnly();
        admin.MapGet("/memory", GetMemoryAsync).ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/wakeups", GetWakeUpsAsync);
        admin.MapPost("/lifetime/fit", FitLifetimeAsync);
        admin.MapPost("/wakeups/advance", AdvanceWakeUpsAsync).BenchmarkOnly();
        return app;
    }

    private static Ok<MetricsResponse> GetMetrics(PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher) =>
        TypedResults.Ok(Describe(metrics, sweeper, dispatcher));

    private static Ok<MetricsResponse> ResetMetrics(PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher)
    {
        metrics.Reset();
        return TypedResults.Ok(Describe(metrics, sweeper, dispatcher));
    }

    /// <summary>
    /// The process's memory. With <c>collect=true</c> (a benchmark endpoint), first a forced, blocking, compacting
    /// full collection (large objects too), so the managed heap is what is live. The silo stops for it: not for a
    /// loaded production node.
    /// </summary>
    private static async Task<Results<Ok<MemoryResponse>, ProblemHttpResult>> GetMemoryAsync(
        IGrainFactory grains, IOptions<GrainCollectionOptions> collection, IOptions<AdminOptions> options, bool? collect)
    {
        if (collect == true && !options.Value.BenchmarkEndpoints)
        {
            return BenchmarkEndpointFilter.Disabled("GET /v1/admin/memory?collect=true (a forced, blocking, compacting full collection)");
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
        return TypedResults.Ok(new MemoryResponse(
            Collected: collect == true,
            CollectSeconds: Math.Round(collecting.Elapsed.TotalSeconds, 3),
            GcHeapBytes: GC.GetTotalMemory(forceFullCollection: false),
            GcHeapSizeBytes: info.HeapSizeBytes,
            GcCommittedBytes: info.TotalCommittedBytes,
            WorkingSetBytes: process.WorkingSet64,
            PrivateBytes: process.PrivateMemorySize64,
            Activations: activations,
            GrainCollectionAgeSeconds: collection.Value.CollectionAge.TotalSeconds,
            ServerGc: GCSettings.IsServerGC,
            Processors: Environment.ProcessorCount,
            Gc: new GcResponse(
                Gen0Collections: GC.CollectionCount(0),
                Gen1Collections: GC.CollectionCount(1),
                Gen2Collections: GC.CollectionCount(2),
                PauseSeconds: Math.Round(GC.GetTotalPauseDuration().TotalSeconds, 3),
                AllocatedBytes: GC.GetTotalAllocatedBytes(precise: false),
                LastPausePercent: Math.Round(info.PauseTimePercentage, 2),
                LastEphemeral: Describe(GC.GetGCMemoryInfo(GCKind.Ephemeral)),
                LastFull: Describe(GC.GetGCMemoryInfo(GCKind.FullBlocking)))));
    }

    private static GcCollectionResponse Describe(GCMemoryInfo gc) => new(
        Index: gc.Index,
        Generation: gc.Generation,
        PauseMs: Math.Round(gc.PauseDurations[0].TotalMilliseconds, 1),
        PromotedBytes: gc.PromotedBytes,
        HeapSizeBytes: gc.HeapSizeBytes,
        PinnedObjects: gc.PinnedObjectsCount,
        Compacted: gc.Compacted,
        FragmentedBytes: gc.FragmentedBytes);

    /// <summary>
    /// Fits the shop's lifetime model on this silo now instead of at its next scheduled fit, and says what came of it:
    /// the model that serves, or why there is none yet. Customers are rescored with a new fit from their next event,
    /// wake-up or read on.
    /// </summary>
    private static async Task<Ok<LifetimeFitResponse>> FitLifetimeAsync(LifetimeFitService fit, ScoringModels models, CancellationToken cancellationToken)
    {
        var model = await fit.FitNowAsync(cancellationToken).ConfigureAwait(false);
        var serving = models.Lifetime;
        var reason = model is not null
            ? null
            : serving is null
                ? models.LifetimeReason
                : $"The fit gave no usable parameters; the fit {serving.Version} keeps serving.";
        return TypedResults.Ok(new LifetimeFitResponse(
            model is not null,
            serving is null ? null : new ModelResponse(serving.Name, serving.Version),
            serving?.Customers,
            serving?.FittedAt,
            reason));
    }

    private static async Task<Ok<WakeUpBacklogResponse>> GetWakeUpsAsync(IWakeUpIndex index, TimeProvider time, string? prefix, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var backlog = prefix is null
            ? await index.ReadBacklogAsync(now, cancellationToken).ConfigureAwait(false)
            : await index.ReadBacklogAsync(prefix, now, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new WakeUpBacklogResponse(prefix, backlog.Pending, backlog.Due, backlog.Earliest));
    }

    private static async Task<Results<Ok<WakeUpsAdvancedResponse>, ProblemHttpResult>> AdvanceWakeUpsAsync(
        IWakeUpIndex index, TimeProvider time, string? prefix, CancellationToken cancellationToken)
    {
        if (prefix is null)
        {
            return Problems.Malformed(
                "Name the customers to rescore now with ?prefix=<customer key prefix> (prefix= with nothing after it means every customer).");
        }

        var advanced = await index.AdvanceAsync(prefix, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new WakeUpsAdvancedResponse(prefix, advanced));
    }

    private static MetricsResponse Describe(PipelineMetrics metrics, WakeUpSweeper sweeper, GrainDispatcher dispatcher)
    {
        var latency = metrics.CommitToScore.Snapshot();
        var sweep = sweeper.Statistics;
        return new MetricsResponse(
            metrics.Since,
            new LatencyResponse(
                latency.Count,
                Ms(latency.Mean),
                Ms(latency.Percentile(50)),
                Ms(latency.Percentile(90)),
                Ms(latency.Percentile(99)),
                Ms(latency.Percentile(99.9)),
                Ms(latency.Max)),
            new SweeperResponse(
                sweep.Woken,
                sweep.Failed,
                sweep.Sweeps,
                Math.Round(sweep.Busy.TotalSeconds, 3),
                sweep.Running,
                sweep.Last is { } last ? new SweepResponse(last.Customers, Math.Round(last.Elapsed.TotalSeconds, 3), last.FinishedAt) : null),
            dispatcher.Backlog);
    }

    private static double Ms(double microseconds) => Math.Round(microseconds / 1000, 3);
}
