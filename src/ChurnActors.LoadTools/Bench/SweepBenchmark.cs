using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// <c>bench sweep</c>: makes N customers dormant (their only events weeks old), makes their wake-ups due and measures how fast the running host's sweeper rescores them, from the host's own sweep counters.
/// </summary>
public static class SweepBenchmark
{
    /// <summary>Design target: 1,000,000 dormant customers rescored in at most 60 s.</summary>
    public const double TargetSeconds = 60;

    /// <summary>Runs it and writes the report; false when it failed (after writing why).</summary>
    /// <exception cref="BenchSettingsException">A setting turned out unusable once the run started.</exception>
    public static async Task<bool> RunAsync(SweepBenchmarkSettings settings, ToolOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var url = settings.Url;
        var writeKey = settings.WriteKey;
        var adminKey = settings.AdminKey;
        var customers = settings.Customers;
        var batchSize = settings.BatchSize;
        var concurrency = settings.Concurrency;
        var timeout = settings.Timeout;
        var json = settings.Json;
        var info = output.Info;

        using var client = new ChurnApiClient(url, writeKey, concurrency + 4, requestTimeout: TimeSpan.FromMinutes(10), adminKey: adminKey);
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return false;
        }

        var admin = new HostAdmin(client);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var prefix = $"sweep-{runId}-";
        try
        {
            // Seed: every customer silent for 20-80 days.
            var now = DateTimeOffset.UtcNow;
            var seed = new Random(customers);
            var lastSeen = Enumerable.Range(0, customers).Select(_ => now.AddDays(-20 - (60 * seed.NextDouble()))).ToArray();
            await info.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {runId}: seeding {customers} dormant customers ({prefix}*)")).ConfigureAwait(false);
            var sender = new BenchSender(client, concurrency, null);
            var seeding = Stopwatch.StartNew();
            SendResult send;
            await using (output.Progress("seeding", () =>
            {
                var seeded = sender.EventsAcknowledged / ResidentWorkload.EventsPerCustomer;
                return new ProgressState(string.Create(CultureInfo.InvariantCulture, $"customers {seeded}/{customers}"), (double)seeded / customers);
            }))
            {
                send = await sender.RunAsync(BatchFeed.Of(ResidentWorkload.Stream(prefix, 0, customers, batchSize, i => lastSeen[i]).ToList()), cancellationToken).ConfigureAwait(false);
            }

            if (send.Errors > 0)
            {
                await info.WriteLineAsync($"error: {send.Errors} seeding requests failed; first: {send.FirstError}").ConfigureAwait(false);
                return false;
            }

            await admin.WaitForDeliveryAsync(timeout, cancellationToken).ConfigureAwait(false);
            await info.WriteLineAsync("waiting for every customer's wake-up to be written (write-behind)").ConfigureAwait(false);
            var waited = Stopwatch.StartNew();
            while ((await admin.ReadWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false)).Pending < customers)
            {
                if (waited.Elapsed > timeout)
                {
                    throw new HostCallException(string.Create(CultureInfo.InvariantCulture, $"not every customer had a wake-up after {timeout.TotalSeconds:0} s"));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }

            var seedSeconds = seeding.Elapsed.TotalSeconds;

            // Sweep: make them due, let the host's sweeper wake them, read its counters.
            var before = (await admin.ReadMetricsAsync(cancellationToken).ConfigureAwait(false)).Sweeper;
            var sweeping = Stopwatch.StartNew();
            var advanced = (await admin.AdvanceWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false)).Advanced;
            var advanceSeconds = sweeping.Elapsed.TotalSeconds;
            await info.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"made {advanced} wake-ups due in {advanceSeconds:0.0} s; waiting for the sweep")).ConfigureAwait(false);
            var wokenBefore = before.Woken;
            var after = (await admin.WaitForMetricsAsync(
                m => !m.Sweeper.Running && m.Sweeper.Woken + m.Sweeper.Failed - wokenBefore - before.Failed >= advanced,
                timeout,
                "the sweep of the advanced wake-ups",
                cancellationToken).ConfigureAwait(false)).Sweeper;
            var observedSeconds = sweeping.Elapsed.TotalSeconds - advanceSeconds;
            var left = await admin.ReadWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false);

            var woken = after.Woken - wokenBefore;
            var failed = after.Failed - before.Failed;
            var busy = after.BusySeconds - before.BusySeconds;
            var rate = woken / Math.Max(0.001, busy);
            var stillDue = left.Due;
            var ok = failed == 0 && stillDue == 0 && woken >= advanced && advanced == customers;
            var report = new SweepReport(
                Command: "bench sweep",
                runId,
                url.ToString(),
                customers,
                SeedSeconds: Math.Round(seedSeconds, 1),
                advanced,
                AdvanceSeconds: Math.Round(advanceSeconds, 2),
                woken,
                failed,
                Sweeps: after.Sweeps - before.Sweeps,
                SweepSeconds: Math.Round(busy, 2),
                CustomersPerSecond: Math.Round(rate),
                ObservedSeconds: Math.Round(observedSeconds, 2),
                PendingAfter: left.Pending,
                DueAfter: stillDue,
                ProjectedMillionSeconds: Math.Round(1_000_000 / Math.Max(1, rate), 1),
                new SweepTarget(TargetSeconds, 1_000_000 / Math.Max(1, rate) <= TargetSeconds),
                ok);
            await output.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
            return ok;
        }
        catch (HostCallException ex)
        {
            await info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static string Table(SweepReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench sweep  run {r.RunId}  {r.Url}");
        Row(text, "dormant", string.Create(c, $"{r.Customers} customers seeded in {r.SeedSeconds:0.0} s (until every wake-up was written)"));
        Row(text, "made due", string.Create(c, $"{r.Advanced} wake-ups in {r.AdvanceSeconds:0.00} s"));
        Row(text, "swept", string.Create(c, $"{r.Woken} customers woken, {r.Failed} failed, in {r.Sweeps} sweep(s) taking {r.SweepSeconds:0.00} s (host)"));
        Row(text, "rate", string.Create(c, $"{r.CustomersPerSecond:0} customers/s; observed from here {r.ObservedSeconds:0.00} s incl. the wait for the sweeper's tick"));
        Row(text, "afterwards", string.Create(c, $"{r.PendingAfter} wake-ups pending, {r.DueAfter} still due"));
        Row(text, "target", string.Create(c, $"1,000,000 at this rate: {r.ProjectedMillionSeconds:0.0} s; <= {TargetSeconds} s: {(r.Target.Met ? "met" : "NOT met")}"));
        text.AppendLine(r.Ok ? "result: OK" : "result: FAILED (not every dormant customer was rescored)");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(12)).AppendLine(value);
}
