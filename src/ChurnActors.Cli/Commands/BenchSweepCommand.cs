using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench sweep</c>: makes N customers dormant (their only events weeks old), makes their wake-ups due
/// and measures how fast the running host's sweeper rescores them, from the host's own sweep counters.
/// </summary>
internal sealed class BenchSweepCommand : CliCommand
{

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
        var adminKey = _host.AdminKey(parseResult, context);
        try
        {
            return await SweepBenchmark.RunAsync(new SweepBenchmarkSettings(url, writeKey, adminKey, customers, batchSize, concurrency, timeout, json), Output, cancellationToken).ConfigureAwait(false)
                ? ExitCodes.Success
                : ExitCodes.Failure;
        }
        catch (BenchSettingsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
