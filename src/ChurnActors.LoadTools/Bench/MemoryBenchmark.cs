using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// <c>bench memory</c>: drives customers into residence through the ingest API, step by step, and reads the host's memory after a full collection at each step: customers against MB and bytes per customer.
/// </summary>
public static class MemoryBenchmark
{
    /// <summary>Design target: 1,000,000 resident customers in at most 2 GB (of the process's working set).</summary>
    public const double TargetBytes = 2.0 * 1024 * 1024 * 1024;

    private const double MB = 1024 * 1024;

    /// <summary>Runs it and writes the report; false when it failed (after writing why).</summary>
    /// <exception cref="BenchSettingsException">A setting turned out unusable once the run started.</exception>
    public static async Task<bool> RunAsync(MemoryBenchmarkSettings settings, ToolOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var url = settings.Url;
        var writeKey = settings.WriteKey;
        var adminKey = settings.AdminKey;
        var customers = settings.Customers;
        var steps = settings.Steps;
        var batchSize = settings.BatchSize;
        var concurrency = settings.Concurrency;
        var json = settings.Json;
        var info = output.Info;

        using var client = new ChurnApiClient(url, writeKey, concurrency + 4, requestTimeout: TimeSpan.FromMinutes(5), adminKey: adminKey);
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return false;
        }

        var admin = new HostAdmin(client);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"mem-{runId}-";
        var clock = Stopwatch.StartNew();
        try
        {
            // Events still on their way to grains hold memory the baseline must not count (they are freed during the steps).
            await admin.WaitForDeliveryAsync(TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);
            var baseline = await admin.ReadMemoryAsync(cancellationToken).ConfigureAwait(false);
            var collectionAge = baseline.GrainCollectionAgeSeconds;
            long baselineActivations = baseline.Activations;
            await info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"run {runId}: baseline heap {Mb(baseline.GcHeapBytes):0} MB, working set {Mb(baseline.WorkingSetBytes):0} MB; grain collection age {collectionAge:0} s")).ConfigureAwait(false);
            var rows = new List<MemoryStep>();
            var errors = 0;
            var warnings = new List<string>();
            var sent = 0;
            foreach (var step in steps)
            {
                var now = DateTimeOffset.UtcNow;
                var sender = new BenchSender(client, concurrency, null);
                var stepClock = Stopwatch.StartNew();
                SendResult send;
                await using (output.Progress("making customers resident", () =>
                {
                    var resident = sent + (sender.EventsAcknowledged / ResidentWorkload.EventsPerCustomer);
                    return new ProgressState(string.Create(CultureInfo.InvariantCulture, $"customers {resident}/{step}"), (double)resident / step);
                }))
                {
                    send = await sender.RunAsync(
                        BatchFeed.Of(ResidentWorkload.Stream(prefix, sent, step, batchSize, _ => now).ToList()), cancellationToken).ConfigureAwait(false);
                }

                errors += send.Errors;
                if (send.FirstError is not null)
                {
                    await info.WriteLineAsync($"first error: {send.FirstError}").ConfigureAwait(false);
                }

                await admin.WaitForDeliveryAsync(TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false);

                // A delivery whose activation failed (an overloaded silo) is retried by the host's catch-up: wait
                // until every customer of the run is active before measuring.
                await admin.WaitForActivationsAsync(baselineActivations + step, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
                var applied = stepClock.Elapsed;
                sent = step;
                var memory = await admin.ReadMemoryAsync(cancellationToken).ConfigureAwait(false);
                long activations = memory.Activations;
                double heapGrowth = memory.GcHeapBytes - baseline.GcHeapBytes;
                double setGrowth = memory.WorkingSetBytes - baseline.WorkingSetBytes;
                rows.Add(new MemoryStep(
                    Customers: step,
                    activations,
                    GcHeapMB: Math.Round(Mb(memory.GcHeapBytes), 1),
                    WorkingSetMB: Math.Round(Mb(memory.WorkingSetBytes), 1),
                    HeapBytesPerCustomer: Math.Round(heapGrowth / Math.Max(1, Math.Min(step, activations - baselineActivations))),
                    WorkingSetBytesPerCustomer: Math.Round(setGrowth / Math.Max(1, Math.Min(step, activations - baselineActivations))),
                    SendSeconds: Math.Round(send.Elapsed.TotalSeconds, 1),
                    AppliedSeconds: Math.Round(applied.TotalSeconds, 1),
                    CustomersPerSecond: Math.Round(send.EventsAcknowledged / ResidentWorkload.EventsPerCustomer / Math.Max(0.001, applied.TotalSeconds)),
                    memory.CollectSeconds));
                await info.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{step} customers: heap {Mb(memory.GcHeapBytes):0} MB, working set {Mb(memory.WorkingSetBytes):0} MB, {activations} activations")).ConfigureAwait(false);
                if (activations - baselineActivations < step)
                {
                    warnings.Add(string.Create(
                        CultureInfo.InvariantCulture,
                        $"at {step} customers the host had only {activations - baselineActivations} more activations than at the start: grains were collected or failed to activate"));
                }
            }

            if (clock.Elapsed.TotalSeconds > collectionAge)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the run took {clock.Elapsed.TotalSeconds:0} s, longer than the grain collection age ({collectionAge:0} s): early customers may have been collected"));
            }

            // The working set a million customers would take: the baseline plus the measured growth per customer.
            var last = rows.Count == 0 ? null : rows[^1];
            var projected = baseline.WorkingSetBytes + ((last?.WorkingSetBytesPerCustomer ?? 0) * 1_000_000);
            var report = new MemoryBenchReport(
                Command: "bench memory",
                runId,
                url.ToString(),
                customers,
                errors,
                baseline.ServerGc,
                GrainCollectionAgeSeconds: collectionAge,
                new MemoryBaseline(Math.Round(Mb(baseline.GcHeapBytes), 1), Math.Round(Mb(baseline.WorkingSetBytes), 1)),
                rows,
                ProjectedMillionMB: Math.Round(projected / MB),
                new MemoryTarget(TargetBytes, last is not null && projected <= TargetBytes),
                warnings,
                Seconds: Math.Round(clock.Elapsed.TotalSeconds, 1));
            await output.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
            return errors == 0;
        }
        catch (HostCallException ex)
        {
            await info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static double Mb(long bytes) => bytes / MB;

    private static string Table(MemoryBenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench memory  run {r.RunId}  {r.Url}");
        text.AppendLine(c, $"  baseline: GC heap {r.Baseline.GcHeapMB:0.0} MB, working set {r.Baseline.WorkingSetMB:0.0} MB; grain collection age {r.GrainCollectionAgeSeconds:0} s");
        text.AppendLine("  customers  activations  GC heap MB  working set MB  heap B/customer  working set B/customer  customers/s");
        foreach (var s in r.Steps)
        {
            text.AppendLine(c, $"  {s.Customers,9}  {s.Activations,11}  {s.GcHeapMB,10:0.0}  {s.WorkingSetMB,14:0.0}  {s.HeapBytesPerCustomer,15:0}  {s.WorkingSetBytesPerCustomer,22:0}  {s.CustomersPerSecond,11:0}");
        }

        text.AppendLine(c, $"  working set with 1,000,000 customers (baseline + growth per customer of the last step): {r.ProjectedMillionMB:0} MB; target <= 2 GB: {(r.Target.Met ? "met" : "NOT met")}");
        foreach (var warning in r.Warnings)
        {
            text.AppendLine(c, $"  warning: {warning}");
        }

        text.AppendLine(c, $"  errors {r.Errors}, {r.Seconds:0.0} s in all");
        return text.ToString();
    }
}
