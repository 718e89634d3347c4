using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.LoadTools.Bench;
using ChurnActors.LoadTools.Http;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench sweep</c>: makes N customers dormant (their only events weeks old), makes their wake-ups due
/// and measures how fast the running host's sweeper rescores them, from the host's own sweep counters.
/// </summary>
internal sealed class BenchSweepCommand : CliCommand
{
    /// <summary>Design target: 1,000,000 dormant customers rescored in at most 60 s.</summary>
    public const double TargetSeconds = 60;

    private readonly HostTarget _host = new(usesAdminApi: true);
    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Dormant customers (default 100000).", minimum: 1);
    private readonly Option<int?> _batch = CliOptions.Int(
        "--batch", "B", "Events per request while seeding (default 500).", minimum: ResidentWorkload.EventsPerCustomer, maximum: 5_000);
    private readonly Option<int?> _concurrency = CliOptions.Int(
        "--concurrency", "C", "Concurrent senders while seeding (default 16).", minimum: 1, maximum: 4096);
    private readonly Option<TimeSpan?> _timeout = CliOptions.Duration(
        "--timeout", "TIME", "How long to wait for the wake-ups to be written, and then for the sweep (default 10m each).");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public BenchSweepCommand(CliContext context)
        : base(
            "sweep",
            "Inactivity rescoring rate: N dormant customers made due and swept by the running host.",
            context,
            "Each customer gets an identify and a product view 20-80 days ago. A grain writes its wake-up with its state " +
            "(write-behind), so the command waits until every one is in the wake-up index (GET /v1/admin/wakeups), then " +
            "makes them all due now (POST /v1/admin/wakeups/advance) and waits for the host's sweeper to wake them. The " +
            "rate is customers woken per second of sweeping, from the host's counters (GET /v1/admin/metrics); afterwards " +
            "none of the customers may still be due. Reads the host's admin API, which takes an admin key (--admin-key), " +
            "and its benchmark endpoints (ChurnActors:Admin:BenchmarkEndpoints).")
    {
        _host.AddTo(this);
        Options.Add(_customers);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_timeout);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var customers = parseResult.GetValue(_customers) ?? 100_000;
        var batchSize = parseResult.GetValue(_batch) ?? 500;
        var concurrency = parseResult.GetValue(_concurrency) ?? 16;
        var timeout = parseResult.GetValue(_timeout) ?? TimeSpan.FromMinutes(10);
        var json = parseResult.GetValue(_json);
        var info = context.Error;

        using var client = new ChurnApiClient(url, writeKey, concurrency + 4, requestTimeout: TimeSpan.FromMinutes(10), adminKey: _host.AdminKey(parseResult, context));
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return ExitCodes.Failure;
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
            await using (ProgressDisplay.Start(context, "seeding", () =>
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
                return ExitCodes.Failure;
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
            await context.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
            return ok ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (HostCallException ex)
        {
            await info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
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
