using System.CommandLine;
using ChurnActors.Cli.CommandLine;
using ChurnActors.LoadTools.Simulate;
using ChurnActors.Simulation;
using ChurnActors.Ingest;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors simulate</c>: generates a deterministic shop history (Segment e-commerce events) for a population
/// of customers and writes it as JSON lines, sends it to a host's <c>/v1/batch</c>, or loads it straight into an empty
/// event log (<c>EventLogBulkLoader</c>), with an optional ground-truth CSV of each customer's latent parameters
/// and dropout.
/// </summary>
internal sealed class SimulateCommand : CliCommand
{
    private const int DefaultBatch = 100;
    private const int DefaultConcurrency = 4;

    private readonly Option<int?> _customers = CliOptions.Int("--customers", "N", "Number of customers.", minimum: 1, required: true);
    private readonly Option<int?> _days = CliOptions.Int("--days", "D", "Length of the simulated horizon in days.", minimum: 1, maximum: 36_500, required: true);
    private readonly Option<int?> _seed = CliOptions.Int("--seed", "S", "Random seed; the same seed gives byte-identical output.", minimum: 0, required: true);
    private readonly Option<DateOnly?> _start = CliOptions.Date("--start", "First simulated day, yyyy-mm-dd (UTC; default 2025-01-01).");
    private readonly Option<string?> _out = CliOptions.Text("--out", "FILE", "Write the events as JSON lines to FILE.");
    private readonly Option<Uri?> _url = CliOptions.HttpUrl("--url", "Send the events to the host at URL through POST /v1/batch instead.");
    private readonly Option<string?> _connection = CliOptions.Text(
        "--connection", "CS", "Load the events straight into the empty event log of this PostgreSQL database instead (one transaction, binary COPY).");
    private readonly Option<string?> _writeKey = HostOptions.WriteKey();
    private readonly Option<string?> _truth = CliOptions.Text("--truth", "FILE", "Write the ground truth (one CSV line per customer) to FILE.");
    private readonly Option<int?> _batch = CliOptions.Int(
        "--batch", "B", $"Events per /v1/batch request with --url (default {DefaultBatch}).", minimum: 1, maximum: 10_000);
    private readonly Option<int?> _concurrency = CliOptions.Int(
        "--concurrency", "C", $"Requests in flight with --url (default {DefaultConcurrency}).", minimum: 1, maximum: 256);
    private readonly Option<double?> _decayShare = CliOptions.Number(
        "--decay-share", "X", "Share of customers whose activity fades before they drop out (default 0.3).", minimum: 0, minimumAllowed: true, maximum: 1);
    private readonly Option<bool> _quiet = CliOptions.Flag("--quiet", "No progress on stderr.");

    public SimulateCommand(CliContext context)
        : base(
            "simulate",
            "Generate a realistic, deterministic shop history as Segment events (JSON lines, live to /v1/batch, or into an empty event log).",
            context,
            "Customers are generated one after another, so events are ordered by time within a customer but not across " +
            "customers; the ingest accepts historical timestamps in any order. See docs/simulator.md for the model. " +
            "--connection fills an empty log (a fresh database after 'db migrate') in one transaction, as the import would " +
            "have written the same events (dedupe source: the write key's, or 'import'); the log stays locked meanwhile.")
    {
        Options.Add(_customers);
        Options.Add(_days);
        Options.Add(_seed);
        Options.Add(_start);
        Options.Add(_out);
        Options.Add(_url);
        Options.Add(_connection);
        Options.Add(_writeKey);
        Options.Add(_truth);
        Options.Add(_batch);
        Options.Add(_concurrency);
        Options.Add(_decayShare);
        Options.Add(_quiet);
        CliOptions.Exclusive(this, [_out, _url, _connection], "give one of --out, --url and --connection");
        Validators.Add(result =>
        {
            if (result.GetResult(_out) is null && result.GetResult(_url) is null && result.GetResult(_connection) is null)
            {
                result.AddError("give --out FILE (JSON lines), --url URL (send to a host) or --connection CS (load into the event log)");
            }
            else if (result.GetResult(_url) is null && (result.GetResult(_batch) is not null || result.GetResult(_concurrency) is not null))
            {
                result.AddError("--batch and --concurrency apply to --url only");
            }
        });
    }

    protected override async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var context = Context;
        var options = ReadOptions(parseResult);
        var outPath = parseResult.GetValue(_out);
        var url = parseResult.GetValue(_url);
        var toDatabase = parseResult.GetValue(_connection) is not null;
        if (toDatabase)
        {
            return await LoadAsync(parseResult, options, context, cancellationToken).ConfigureAwait(false);
        }

        var batchSize = parseResult.GetValue(_batch) ?? DefaultBatch;
        var concurrency = parseResult.GetValue(_concurrency) ?? DefaultConcurrency;
        var writeKey = url is null ? null : HostOptions.ResolveWriteKey(parseResult.GetValue(_writeKey), context);
        var truthPath = parseResult.GetValue(_truth);
        var quiet = parseResult.GetValue(_quiet);

        return await SimulationDelivery.WriteOrSendAsync(
                options, outPath, url, writeKey, batchSize, concurrency, truthPath, quiet, Output, cancellationToken).ConfigureAwait(false)
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }

    private async Task<int> LoadAsync(ParseResult parseResult, SimulationOptions options, CliContext context, CancellationToken cancellationToken)
    {
        var connectionString = parseResult.GetValue(_connection)!;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"invalid connection string: {ex.Message}", ex);
        }

        var writeKey = parseResult.GetValue(_writeKey);
        var source = writeKey is null ? IngestSources.Import : IngestSources.OfWriteKey(writeKey);
        var target = DatabaseTarget.Describe(connectionString);
        var truthPath = parseResult.GetValue(_truth);
        var quiet = parseResult.GetValue(_quiet);
        return await SimulationDelivery.LoadAsync(
                options, connectionString, source, target, DatabaseTarget.Reason, truthPath, quiet, Output, cancellationToken).ConfigureAwait(false)
            ? ExitCodes.Success
            : ExitCodes.Failure;
    }

    private SimulationOptions ReadOptions(ParseResult parseResult) => new()
    {
        Customers = parseResult.GetValue(_customers)!.Value,
        Days = parseResult.GetValue(_days)!.Value,
        Seed = parseResult.GetValue(_seed)!.Value,
        Start = parseResult.GetValue(_start) is { } start
            ? new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : SimulationOptions.DefaultStart,
        DecayShare = parseResult.GetValue(_decayShare) ?? 0.3,
    };
}
