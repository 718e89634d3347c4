using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench latency</c>: acknowledgement latency and event-to-updated-score latency at a fixed rate
/// (open loop), the latter measured by the host and cross-checked by a client-side probe.
/// </summary>
internal sealed class BenchLatencyCommand : CliCommand
{

    private readonly HostTarget _host = new(readsCustomers: true, usesAdminApi: true);
    private readonly Option<double?> _rate = CliOptions.Number(
        "--rate", "R", "Events/s to send (open loop). Default: half of what a --probe-duration closed-loop run sustains.", minimum: 0);
    private readonly Option<TimeSpan?> _duration = CliOptions.Duration("--duration", "TIME", "How long to send at the rate (default 60s).");
    private readonly Option<int?> _customers = CliOptions.Int("--customers", "M", "Customers the events are spread over (default 10000).", minimum: 1);
    private readonly Option<int?> _batch = CliOptions.Int("--batch", "B", "Events per request (default 50).", minimum: 1, maximum: 5_000);
    private readonly Option<int?> _concurrency = CliOptions.Int("--concurrency", "C", "Concurrent senders (default 64).", minimum: 1, maximum: 4096);
    private readonly Option<TimeSpan?> _probeDuration = CliOptions.Duration(
        "--probe-duration", "TIME", "Length of the sustained-maximum probe when --rate is not given (default 15s).");
    private readonly Option<int?> _probes = CliOptions.Int(
        "--probes", "N", "Customers of the client-side score probe (default 5; 0 turns it off).", minimum: 0, maximum: 1000);
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public BenchLatencyCommand(CliContext context)
        : base(
            "latency",
            "Ack and event-to-score latency percentiles at a fixed rate (default: half the sustained maximum).",
            context,
            "Ack latency is measured by this process from each request's intended send time to its 200. Event-to-score " +
            "latency is measured by the host (GET /v1/admin/metrics, reset at the start of the run): from the commit that " +
            "acknowledged an event to its grain returning from rescoring it. The probe cross-checks it from outside: one " +
            "event at a time to its own customers, then GET /v1/users/{id} until the event shows. Reads the host's admin API, " +
            "which takes an admin key (--admin-key), and its benchmark endpoints (ChurnActors:Admin:BenchmarkEndpoints).")
    {
        _host.AddTo(this);
        Options.Add(_rate);
        Options.Add(_duration);
        Options.Add(_customers);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_probeDuration);
        Options.Add(_probes);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var givenRate = parseResult.GetValue(_rate);
        var duration = parseResult.GetValue(_duration) ?? TimeSpan.FromSeconds(60);
        var customers = parseResult.GetValue(_customers) ?? 10_000;
        var batchSize = parseResult.GetValue(_batch) ?? 50;
        var concurrency = parseResult.GetValue(_concurrency) ?? 64;
        var probeDuration = parseResult.GetValue(_probeDuration) ?? TimeSpan.FromSeconds(15);
        var probes = parseResult.GetValue(_probes) ?? 5;
        var json = parseResult.GetValue(_json);
        var readKey = _host.ReadKey(parseResult, context, writeKey);
        var adminKey = _host.AdminKey(parseResult, context);
        try
        {
            return await LatencyBenchmark.RunAsync(new LatencyBenchmarkSettings(url, writeKey, readKey, adminKey, givenRate, duration, customers, batchSize, concurrency, probeDuration, probes, json), Output, cancellationToken).ConfigureAwait(false)
                ? ExitCodes.Success
                : ExitCodes.Failure;
        }
        catch (BenchSettingsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
