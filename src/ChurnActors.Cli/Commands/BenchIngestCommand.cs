using System.Diagnostics;
using System.Globalization;
using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Verification;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench ingest</c>: a load generator for the host's <c>/v1/batch</c> endpoint that then verifies
/// every acknowledged event reached its customer's grain.
/// </summary>
internal sealed class BenchIngestCommand : CliCommand
{
    /// <summary>The host's documented batch body limit.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    private const int VerifyConcurrency = 8;
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Customers of a run given by --duration alone.</summary>
    private const int DurationCustomers = 10_000;

    private readonly HostTarget _host = new(readsCustomers: true);
    private readonly Option<int?> _events = CliOptions.Int("--events", "N", "Number of events to send (or --duration).", minimum: 1);
    private readonly Option<TimeSpan?> _duration = CliOptions.Duration(
        "--duration", "TIME", "Send for this long instead (e.g. 60s, 5m); batches are generated as they go unless --rate fixes the count.");
    private readonly Option<int?> _batch = CliOptions.Int("--batch", "B", "Events per /v1/batch request (default 100).", minimum: 1);
    private readonly Option<int?> _concurrency = CliOptions.Int("--concurrency", "C", "Concurrent senders (default 8).", minimum: 1, maximum: 4096);
    private readonly Option<int?> _customers = CliOptions.Int(
        "--customers", "M", "Customers the events are spread over (default max(1, N/20); 10,000 with --duration).", minimum: 1);
    private readonly Option<double?> _rate = CliOptions.Number(
        "--rate", "R", "Pace sending to R events/s in total (open loop); default: as fast as acknowledged.", minimum: 0);
    private readonly Option<bool> _warmCustomers = CliOptions.Flag(
        "--warm-customers",
        "Before the measured phase, send every customer's first event (not measured) and wait until the host has delivered them, " +
        "so the measured phase meets active grains rather than a burst of new customers.");
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");
    private readonly Option<double?> _verifyTimeout = CliOptions.Number(
        "--verify-timeout", "SECONDS", "How long to wait for grains to apply the acknowledged events (default 60).", minimum: 0, minimumAllowed: true);
    private readonly Option<string?> _latencyLog = CliOptions.Text(
        "--latency-log", "FILE",
        "Also write every acknowledged request of the measured phase to FILE as CSV (sent_unix_s, sent_s, latency_ms), to see when the slow ones happened.");

    public BenchIngestCommand(CliContext context)
        : base(
            "ingest",
            "Load-test /v1/batch with generated Segment events, then verify they reached their grains.",
            context,
            "Request bodies are built before the clock starts (with --duration and no --rate, on a background thread a " +
            "little ahead of the senders, which costs the load generator some CPU). Ack latency is measured from send (or, with --rate, " +
            "from the intended send time) to the 200. 503/429 are retried honouring Retry-After; other non-200s are errors. " +
            "Exit code 0 only if no request failed and every acknowledged event reached its grain.")
    {
        _host.AddTo(this);
        Options.Add(_events);
        Options.Add(_duration);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_customers);
        Options.Add(_rate);
        Options.Add(_warmCustomers);
        Options.Add(_json);
        Options.Add(_verifyTimeout);
        Options.Add(_latencyLog);
        CliOptions.Exclusive(this, [_events, _duration], "give either --events N or --duration TIME, not both");
        Validators.Add(result =>
        {
            if (result.GetResult(_events) is null && result.GetResult(_duration) is null)
            {
                result.AddError("give either --events N or --duration TIME");
            }
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var duration = parseResult.GetValue(_duration);
        var rate = parseResult.GetValue(_rate);
        var givenEvents = parseResult.GetValue(_events);

        // A paced run for a set time knows its event count up front; an unpaced one streams until the time is up.
        var events = givenEvents
            ?? (rate is { } r ? (int)Math.Clamp(Math.Ceiling(r * duration!.Value.TotalSeconds), 1, int.MaxValue - 1) : BenchWorkloadSettings.Unbounded);
        var streamed = events == BenchWorkloadSettings.Unbounded;
        var batchSize = parseResult.GetValue(_batch) ?? 100;
        var concurrency = parseResult.GetValue(_concurrency) ?? 8;
        var customers = parseResult.GetValue(_customers)
            ?? (givenEvents is { } n ? BenchWorkloadSettings.DefaultCustomers(n) : Math.Min(events, DurationCustomers));
        var json = parseResult.GetValue(_json);
        var warmCustomers = parseResult.GetValue(_warmCustomers);
        var verifyTimeout = TimeSpan.FromSeconds(parseResult.GetValue(_verifyTimeout) ?? 60);
        var latencyLogPath = parseResult.GetValue(_latencyLog);
        if (customers > events)
        {
            throw new UsageException($"option --customers ({customers}) must not exceed --events ({events})");
        }

        if (warmCustomers && streamed)
        {
            throw new UsageException("--warm-customers needs a known event count: give --events N, or --rate with --duration");
        }

        await using var latencyLog = latencyLogPath is null ? null : OpenLatencyLog(latencyLogPath);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var info = context.Error;
        var preparing = Stopwatch.StartNew();
        var settings = new BenchWorkloadSettings(events, batchSize, customers, runId, Seed: Random.Shared.Next(), Now: DateTimeOffset.UtcNow);
        var workload = streamed ? null : BenchWorkloadGenerator.Generate(settings);
        var largest = workload?.LargestBodyBytes ?? BenchWorkloadGenerator.Stream(settings).Take(4).Max(b => b.Body.Length);
        if (largest > MaxBatchBytes)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"a batch of {batchSize} events serializes to {largest / 1024} KB, above the host's {MaxBatchBytes / 1024} KB limit; use a smaller --batch"));
        }

        await info.WriteLineAsync(workload is null
            ? string.Create(CultureInfo.InvariantCulture, $"run {runId}: sending for {duration!.Value.TotalSeconds:0.#} s to {customers} customers, batches generated as they go")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"run {runId}: prepared {events} events for {customers} customers in {workload.Batches.Count} batches ({preparing.Elapsed.TotalSeconds:0.00} s)")).ConfigureAwait(false);

        using var client = new ChurnApiClient(url, writeKey, concurrency + VerifyConcurrency, _host.ReadKey(parseResult, context, writeKey));
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        // Events go to customers in turn, so the first batches hold every customer's first event.
        var warmBatches = warmCustomers ? (customers + batchSize - 1) / batchSize : 0;
        var warm = warmBatches > 0 ? await WarmCustomersAsync(client, workload!.Batches.Take(warmBatches).ToList(), concurrency, verifyTimeout, info, cancellationToken).ConfigureAwait(false) : null;
        if (warm is { Errors: > 0 })
        {
            await info.WriteLineAsync($"error: warming the customers failed: {warm.FirstError}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var sender = new BenchSender(client, concurrency, rate, duration, keepTimeline: latencyLog is not null);
        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sendClock = Stopwatch.StartNew();
        SendResult send;
        await using (ProgressDisplay.Start(context, "sending", () => new ProgressState(
            string.Create(
                CultureInfo.InvariantCulture,
                $"sent {sender.EventsSent}{(streamed ? "" : "/" + events.ToString(CultureInfo.InvariantCulture))} events, {sender.EventsAcknowledged} acknowledged, {sender.EventsAcknowledged / Math.Max(0.001, sendClock.Elapsed.TotalSeconds):0} events/s"),
            streamed ? sendClock.Elapsed / duration!.Value : (double)sender.EventsSent / events)))
        {
            var feed = workload is null
                ? BatchFeed.Generate(BenchWorkloadGenerator.Stream(settings), ahead: 4 * concurrency, stopFeed.Token)
                : BatchFeed.Of(warmBatches > 0 ? [.. workload.Batches.Skip(warmBatches)] : workload.Batches);
            send = await sender.RunAsync(feed, cancellationToken).ConfigureAwait(false);
            await stopFeed.CancelAsync().ConfigureAwait(false);
        }

        if (latencyLog is not null)
        {
            await latencyLog.WriteAsync(sender.StartedAt, sender.Timeline).ConfigureAwait(false);
            await info.WriteLineAsync($"latency log: {latencyLogPath}").ConfigureAwait(false);
        }

        if (send.FirstError is not null)
        {
            await info.WriteLineAsync($"first error: {send.FirstError}").ConfigureAwait(false);
        }

        // The host says when it has nothing left to deliver; the verification below then proves every event arrived.
        var drainedAt = await client.WaitForDrainAsync(verifyTimeout, DrainPoll, cancellationToken).ConfigureAwait(false);
        TimeSpan? drained = drainedAt is { } at ? Stopwatch.GetElapsedTime(send.LastAckTimestamp, Math.Max(at, send.LastAckTimestamp)) : null;
        await info.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"verifying {send.AcknowledgedByCustomer.Count} customers (up to {verifyTimeout.TotalSeconds:0.#} s)")).ConfigureAwait(false);
        var verify = await new GrainVerifier(client, VerifyConcurrency).WaitAsync(
            warm is null ? send.AcknowledgedByCustomer : Merge(warm.AcknowledgedByCustomer, send.AcknowledgedByCustomer),
            exact: true, verifyTimeout, send.LastAckTimestamp, cancellationToken).ConfigureAwait(false);

        var generated = streamed ? (int)Math.Min(int.MaxValue, sender.EventsSent) : events - (int)(warm?.EventsAcknowledged ?? 0);
        var outcome = new BenchOutcome(
            runId, client.BaseAddress, generated, streamed ? send.AcknowledgedByCustomer.Count : customers, batchSize, concurrency, rate, send, verify, drained,
            WarmEvents: warm?.EventsAcknowledged ?? 0);
        await context.Out.WriteAsync(json ? BenchReport.FormatJson(outcome) + Environment.NewLine : BenchReport.FormatTable(outcome)).ConfigureAwait(false);
        return outcome.Ok ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Sends <paramref name="batches"/> (every customer's first event) as fast as they are acknowledged, then waits
    /// until the host has delivered them, so the measured phase starts with every customer's grain active.
    /// </summary>
    private static async Task<SendResult> WarmCustomersAsync(
        ChurnApiClient client, IReadOnlyList<BenchBatch> batches, int concurrency, TimeSpan timeout, TextWriter info, CancellationToken cancellationToken)
    {
        var events = batches.Sum(b => b.EventCount);
        await info.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warming the customers: {events} events, not measured")).ConfigureAwait(false);
        var warm = await new BenchSender(client, concurrency, eventsPerSecond: null).RunAsync(BatchFeed.Of(batches), cancellationToken).ConfigureAwait(false);
        if (warm.Errors == 0 && await client.WaitForDrainAsync(timeout, DrainPoll, cancellationToken).ConfigureAwait(false) is null)
        {
            await info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"warning: the host had not delivered the warm-up events after {timeout.TotalSeconds:0.#} s; measuring anyway")).ConfigureAwait(false);
        }

        return warm;
    }

    private static LatencyLog OpenLatencyLog(string path)
    {
        try
        {
            return LatencyLog.Open(path);
        }
        catch (IOException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }

    private static Dictionary<string, int> Merge(IReadOnlyDictionary<string, int> first, IReadOnlyDictionary<string, int> second)
    {
        var merged = new Dictionary<string, int>(first, StringComparer.Ordinal);
        foreach (var (customer, count) in second)
        {
            merged[customer] = merged.GetValueOrDefault(customer) + count;
        }

        return merged;
    }
}
