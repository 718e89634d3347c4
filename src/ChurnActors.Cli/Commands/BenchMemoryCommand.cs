using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Bench;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench memory</c>: drives customers into residence through the ingest API, step by step, and reads
/// the host's memory after a full collection at each step: customers against MB and bytes per customer.
/// </summary>
internal sealed class BenchMemoryCommand : CliCommand
{

    private readonly HostTarget _host = new(usesAdminApi: true);
    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Customers to make resident in all (default 1000000).", minimum: 1);
    private readonly Option<IReadOnlyList<int>?> _steps = CliOptions.IntList(
        "--steps", "N1,N2,...", "Customer counts to measure at (default N/10, N/4, N/2, N).");
    private readonly Option<int?> _batch = CliOptions.Int(
        "--batch", "B", "Events per request (default 500; each customer gets an identify and a product view).",
        minimum: ResidentWorkload.EventsPerCustomer, maximum: 5_000);
    private readonly Option<int?> _concurrency = CliOptions.Int("--concurrency", "C", "Concurrent senders (default 16).", minimum: 1, maximum: 4096);
    private readonly Option<bool> _json = CliOptions.Flag("--json", "Print one JSON object instead of the table.");

    public BenchMemoryCommand(CliContext context)
        : base(
            "memory",
            "Resident customers against the host's memory (GC heap and working set after a full collection).",
            context,
            "Before the first step and after each, the host is asked for its memory after a forced, compacting full " +
            "collection (GET /v1/admin/memory?collect=true), once every event sent so far has reached its grain. Bytes per " +
            "customer are the growth over the first reading divided by the customers added. Grains stay resident as long " +
            "as they are younger than the host's grain collection age (reported; Orleans' default is 15 minutes): the " +
            "command warns when the run outlasts it or the activation count falls short. Reads the host's admin API, which " +
            "takes an admin key (--admin-key), and its benchmark endpoints (ChurnActors:Admin:BenchmarkEndpoints).")
    {
        _host.AddTo(this);
        Options.Add(_customers);
        Options.Add(_steps);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_json);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var url = _host.Url(parseResult);
        var writeKey = _host.WriteKey(parseResult, context);
        var customers = parseResult.GetValue(_customers) ?? 1_000_000;
        var steps = parseResult.GetValue(_steps)
            ?? new[] { customers / 10, customers / 4, customers / 2, customers }.Where(s => s > 0).Distinct().ToList();
        if (steps[^1] > customers)
        {
            throw new UsageException($"option --steps goes beyond --customers ({customers})");
        }

        var batchSize = parseResult.GetValue(_batch) ?? 500;
        var concurrency = parseResult.GetValue(_concurrency) ?? 16;
        var json = parseResult.GetValue(_json);
        var adminKey = _host.AdminKey(parseResult, context);
        try
        {
            return await MemoryBenchmark.RunAsync(new MemoryBenchmarkSettings(url, writeKey, adminKey, customers, steps, batchSize, concurrency, json), Output, cancellationToken).ConfigureAwait(false)
                ? ExitCodes.Success
                : ExitCodes.Failure;
        }
        catch (BenchSettingsException ex)
        {
            throw new UsageException(ex.Message, ex);
        }
    }
}
