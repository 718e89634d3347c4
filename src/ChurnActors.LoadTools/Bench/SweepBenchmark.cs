using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
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
            while ((await admin.ReadWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false)).GetProperty("pending").GetInt64() < customers)
            {
                if (waited.Elapsed > timeout)
                {
                    throw new HostCallException(string.Create(CultureInfo.InvariantCulture, $"not every customer had a wake-up after {timeout.TotalSeconds:0} s"));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }

            var seedSeconds = seeding.Elapsed.TotalSeconds;

            // Sweep: make them due, let the host's sweeper wake them, read its counters.
            var before = (await admin.ReadMetricsAsync(cancellationToken).ConfigureAwait(false)).GetProperty("sweeper");
            var sweeping = Stopwatch.StartNew();
            var advanced = (await admin.AdvanceWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false)).GetProperty("advanced").GetInt64();
            var advanceSeconds = sweeping.Elapsed.TotalSeconds;
            await info.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"made {advanced} wake-ups due in {advanceSeconds:0.0} s; waiting for the sweep")).ConfigureAwait(false);
            var wokenBefore = before.GetProperty("woken").GetInt64();
            var after = (await admin.WaitForMetricsAsync(
                m => m.GetProperty("sweeper") is var s && !s.GetProperty("running").GetBoolean()
                    && s.GetProperty("woken").GetInt64() + s.GetProperty("failed").GetInt64() - wokenBefore - before.GetProperty("failed").GetInt64() >= advanced,
                timeout,
                "the sweep of the advanced wake-ups",
                cancellationToken).ConfigureAwait(false)).GetProperty("sweeper");
            var observedSeconds = sweeping.Elapsed.TotalSeconds - advanceSeconds;
            var left = await admin.ReadWakeUpsAsync(prefix, cancellationToken).ConfigureAwait(false);

            var woken = after.GetProperty("woken").GetInt64() - wokenBefore;
            var failed = after.GetProperty("failed").GetInt64() - before.GetProperty("failed").GetInt64();
            var busy = after.GetProperty("busySeconds").GetDouble() - before.GetProperty("busySeconds").GetDouble();
            var rate = woken / Math.Max(0.001, busy);
            var stillDue = left.GetProperty("due").GetInt64();
            var ok = failed == 0 && stillDue == 0 && woken >= advanced && advanced == customers;
            var report = new
            {
                command = "bench sweep",
                runId,
                url = url.ToString(),
                customers,
                seedSeconds = Math.Round(seedSeconds, 1),
                advanced,
                advanceSeconds = Math.Round(advanceSeconds, 2),
                woken,
                failed,
                sweeps = after.GetProperty("sweeps").GetInt64() - before.GetProperty("sweeps").GetInt64(),
                sweepSeconds = Math.Round(busy, 2),
                customersPerSecond = Math.Round(rate),
                observedSeconds = Math.Round(observedSeconds, 2),
                pendingAfter = left.GetProperty("pending").GetInt64(),
                dueAfter = stillDue,
                projectedMillionSeconds = Math.Round(1_000_000 / Math.Max(1, rate), 1),
                target = new { seconds = TargetSeconds, met = 1_000_000 / Math.Max(1, rate) <= TargetSeconds },
                ok,
            };
            await output.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
            return ok;
        }
        catch (HostCallException ex)
        {
            await info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private static string Table(object report)
    {
        using var document = JsonDocument.Parse(BenchJson.Serialize(report));
        var r = document.RootElement;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench sweep  run {r.GetProperty("runId").GetString()}  {r.GetProperty("url").GetString()}");
        Row(text, "dormant", string.Create(c, $"{r.GetProperty("customers").GetInt32()} customers seeded in {r.GetProperty("seedSeconds").GetDouble():0.0} s (until every wake-up was written)"));
        Row(text, "made due", string.Create(c, $"{r.GetProperty("advanced").GetInt64()} wake-ups in {r.GetProperty("advanceSeconds").GetDouble():0.00} s"));
        Row(text, "swept", string.Create(c, $"{r.GetProperty("woken").GetInt64()} customers woken, {r.GetProperty("failed").GetInt64()} failed, in {r.GetProperty("sweeps").GetInt64()} sweep(s) taking {r.GetProperty("sweepSeconds").GetDouble():0.00} s (host)"));
        Row(text, "rate", string.Create(c, $"{r.GetProperty("customersPerSecond").GetDouble():0} customers/s; observed from here {r.GetProperty("observedSeconds").GetDouble():0.00} s incl. the wait for the sweeper's tick"));
        Row(text, "afterwards", string.Create(c, $"{r.GetProperty("pendingAfter").GetInt64()} wake-ups pending, {r.GetProperty("dueAfter").GetInt64()} still due"));
        var target = r.GetProperty("target");
        Row(text, "target", string.Create(c, $"1,000,000 at this rate: {r.GetProperty("projectedMillionSeconds").GetDouble():0.0} s; <= {TargetSeconds} s: {(target.GetProperty("met").GetBoolean() ? "met" : "NOT met")}"));
        text.AppendLine(r.GetProperty("ok").GetBoolean() ? "result: OK" : "result: FAILED (not every dormant customer was rescored)");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(12)).AppendLine(value);
}
