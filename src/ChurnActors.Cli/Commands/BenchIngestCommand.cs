using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench ingest</c>: a load generator for the host's <c>/v1/batch</c> endpoint that then verifies
/// every acknowledged event reached its customer's grain.
/// </summary>
internal sealed class BenchIngestCommand : CliCommand
{
    /// <summary>Customers of a run given by --duration alone.</summary>
    private const int DurationCustomers = 10_000;

    private readonly HostTarget _host = new(readsCustomers: true, usesAdminApi: true);
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

    private readonly Option<int?> _playbooks = CliOptions.Int(
        "--playbooks", "N",
        $"Before sending, apply N of the bench's {BenchPlaybooks.Max} playbooks ({string.Join(", ", BenchPlaybooks.Ids)}; admin key), each with a first " +
        "step due at once, and count the episodes they open during the run (default 0).",
        minimum: 0, maximum: BenchPlaybooks.Max);
    private readonly Option<string?> _endpoint = CliOptions.Text(
        "--endpoint", "NAME", $"With --playbooks: the host's webhook endpoint the playbooks deliver to (default {BenchPlaybooks.DefaultEndpoint}).");
    private readonly Option<string?> _entryCategory = CliOptions.Text(
        "--entry-category", "NAME",
        "With --playbooks: the playbooks admit only customers whose top category is NAME (e.g. Toys, the top category of a " +
        "few percent of the bench's customers), for a run where a share of the customers enter instead of all of them.");
    private readonly Option<int?> _receiverPort = CliOptions.Int(
        "--receiver-port", "PORT",
        $"With --playbooks: the port of the local webhook receiver the bench serves for the run, answering 200 (default {IngestBenchmarkSettings.DefaultReceiverPort}); " +
        "the host's endpoint URL must name it (ChurnActors:Retention:Endpoints:NAME:Url=http://127.0.0.1:PORT/).",
        minimum: 1, maximum: 65535);

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
        Options.Add(_playbooks);
        Options.Add(_entryCategory);
        Options.Add(_endpoint);
        Options.Add(_receiverPort);
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

        var playbooks = parseResult.GetValue(_playbooks) ?? 0;
        var adminKey = _host.AdminKey(parseResult, context);
        if (playbooks > 0 && adminKey is null)
        {
            throw new UsageException("--playbooks applies playbooks through the admin API: pass --admin-key KEY or set CHURN_ADMIN_KEY");
        }

        var settings = new IngestBenchmarkSettings(
            url, writeKey, _host.ReadKey(parseResult, context, writeKey), events, batchSize, concurrency, customers, rate, duration,
            warmCustomers, json, verifyTimeout, latencyLogPath, playbooks, adminKey,
            parseResult.GetValue(_endpoint) ?? BenchPlaybooks.DefaultEndpoint,
            parseResult.GetValue(_receiverPort) ?? IngestBenchmarkSettings.DefaultReceiverPort,
            parseResult.GetValue(_entryCategory));
        try
        {
            var outcome = await IngestBenchmark.RunAsync(settings, Output, cancellationToken).ConfigureAwait(false);
            return outcome is { Ok: true } ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (BenchSettingsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
