using System.Diagnostics;
using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Bench;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Simulation;
using ChurnActors.Ingest;
using ChurnActors.Storage;
using ChurnActors.Storage.EventLog;
using Npgsql;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors simulate</c>: generates a deterministic shop history (Segment e-commerce events) for a population
/// of customers and writes it as JSON lines, sends it to a host's <c>/v1/batch</c>, or loads it straight into an empty
/// event log (<see cref="EventLogBulkLoader"/>), with an optional ground-truth CSV of each customer's latent parameters
/// and dropout.
/// </summary>
internal sealed class SimulateCommand : ICliCommand
{
    private const int DefaultBatch = 100;
    private const int DefaultConcurrency = 4;

    public CommandSpec Spec { get; } = new(
        "simulate",
        "Generate a realistic, deterministic shop history as Segment events (JSON lines or live to /v1/batch).",
        [
            OptionSpec.Value("customers", "N", "Number of customers.", required: true),
            OptionSpec.Value("days", "D", "Length of the simulated horizon in days.", required: true),
            OptionSpec.Value("seed", "S", "Random seed; the same seed gives byte-identical output.", required: true),
            OptionSpec.Value("start", "DATE", "First simulated day, yyyy-MM-dd (UTC; default 2025-01-01)."),
            OptionSpec.Value("out", "FILE", "Write the events as JSON lines to FILE."),
            OptionSpec.Value("url", "URL", "Send the events to the host at URL through POST /v1/batch instead."),
            OptionSpec.Value(
                "connection", "CS",
                "Load the events straight into the empty event log of this PostgreSQL database instead (one transaction, binary COPY)."),
            HostOptions.WriteKey,
            OptionSpec.Value("truth", "FILE", "Write the ground truth (one CSV line per customer) to FILE."),
            OptionSpec.Value("batch", "B", $"Events per /v1/batch request with --url (default {DefaultBatch})."),
            OptionSpec.Value("concurrency", "C", $"Requests in flight with --url (default {DefaultConcurrency})."),
            OptionSpec.Value("decay-share", "X", "Share of customers whose activity fades before they drop out (default 0.3)."),
            OptionSpec.Flag("quiet", "No progress lines on stderr."),
        ],
        "Customers are generated one after another, so events are ordered by time within a customer but not across\n" +
        "customers; the ingest accepts historical timestamps in any order. See docs/simulator.md for the model.\n" +
        "--connection fills an empty log (a fresh database after 'db migrate') in one transaction, as the import would\n" +
        "have written the same events (dedupe source: the write key's, or 'import'); the log stays locked meanwhile.");

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var options = ReadOptions(arguments);
        var outPath = arguments.GetString("out");
        var url = arguments.GetHttpUrl("url");
        var toDatabase = arguments.Has("connection");
        if ((outPath is null ? 0 : 1) + (url is null ? 0 : 1) + (toDatabase ? 1 : 0) > 1)
        {
            throw new UsageException("give one of --out, --url and --connection");
        }

        if (outPath is null && url is null && !toDatabase)
        {
            throw new UsageException("give --out FILE (JSON lines), --url URL (send to a host) or --connection CS (load into the event log)");
        }

        if (toDatabase)
        {
            return await LoadAsync(arguments, options, context, cancellationToken).ConfigureAwait(false);
        }

        var batchSize = arguments.GetInt32("batch", minimum: 1, maximum: 10_000) ?? DefaultBatch;
        var concurrency = arguments.GetInt32("concurrency", minimum: 1, maximum: 256) ?? DefaultConcurrency;
        var writeKey = url is null ? null : HostOptions.ResolveWriteKey(arguments, context);
        var truthPath = arguments.GetString("truth");
        var quiet = arguments.Has("quiet");

        using var client = url is null ? null : new ChurnApiClient(url, writeKey!, concurrency);
        if (client is not null && await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await context.Error.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var sender = client is null ? null : new SimulationBatchSender(client, batchSize, concurrency);
        var run = new SimulationRun(options.Customers);
        var clock = Stopwatch.StartNew();
        var progress = quiet
            ? null
            : ProgressReporter.Start(
                context.Error,
                context.ErrorIsTerminal,
                () => Describe(run, clock.Elapsed),
                context.ErrorIsTerminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(1));
        try
        {
            using var simulator = new ShopSimulator(options);
            using var truth = truthPath is null ? null : new TruthFileWriter(truthPath);
            await using var file = outPath is null ? null : new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
            for (var i = 0; i < options.Customers; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var customer = simulator.Simulate(i);
                truth?.Write(customer.Truth);
                foreach (var message in customer.Events)
                {
                    if (file is not null)
                    {
                        await file.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                        file.WriteByte((byte)'\n');
                    }
                    else
                    {
                        await sender!.AddAsync(message, cancellationToken).ConfigureAwait(false);
                    }
                }

                run.Add(customer);
                if (sender?.Error is not null)
                {
                    break;
                }
            }

            if (sender is not null)
            {
                await sender.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
        if (sender?.Error is { } error)
        {
            await context.Error.WriteLineAsync($"error: {error}").ConfigureAwait(false);
            await context.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"simulated {run.CustomersDone} of {options.Customers} customers; {sender.Acknowledged} of {run.Events} events acknowledged before the failure")).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var destination = outPath ?? $"{url} ({sender!.Requests} requests, {sender.Retries} retries, {sender.Acknowledged} acknowledged)";
        await context.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"simulated {run.CustomersDone} customers over {options.Days} days from {options.Start:yyyy-MM-dd}: {run.Events} events, {run.Orders} orders, {run.DroppedOut} dropped out; {run.Events / seconds:0} events/s -> {destination}")).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> LoadAsync(ParsedArguments arguments, SimulationOptions options, CliContext context, CancellationToken cancellationToken)
    {
        if (arguments.Has("batch") || arguments.Has("concurrency"))
        {
            throw new UsageException("--batch and --concurrency apply to --url only");
        }

        var connectionString = arguments.GetString("connection")!;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"invalid connection string: {ex.Message}", ex);
        }

        var writeKey = arguments.GetString(HostOptions.WriteKey.Name);
        var source = writeKey is null ? IngestSources.Import : IngestSources.OfWriteKey(writeKey);
        var target = DatabaseTarget.Describe(connectionString);
        var truthPath = arguments.GetString("truth");
        var quiet = arguments.Has("quiet");
        var run = new SimulationRun(options.Customers);
        var clock = Stopwatch.StartNew();
        SimulationLogLoader? loader = null;
        string? phase = null;
        var progress = quiet
            ? null
            : ProgressReporter.Start(
                context.Error,
                context.ErrorIsTerminal,
                () => phase is { } step
                    ? $"{loader?.Written ?? 0} events written; {step} ({clock.Elapsed.TotalSeconds:0} s)"
                    : DescribeLoad(run, loader?.Written ?? 0, clock.Elapsed),
                context.ErrorIsTerminal ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5));
        double loadSeconds;
        try
        {
            try
            {
                var pending = await Migrator.PendingAsync(connectionString, cancellationToken).ConfigureAwait(false);
                if (pending.Count > 0)
                {
                    await context.Error.WriteLineAsync(
                        $"error: {target} lacks {pending.Count} of {Migrator.All.Count} migrations; run 'churnactors db migrate' first").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                loader = new SimulationLogLoader(
                    await EventLogBulkLoader.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false), source, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                await context.Error.WriteLineAsync($"error: loading into {target}: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            await using (loader.ConfigureAwait(false))
            {
                try
                {
                    using var simulator = new ShopSimulator(options);
                    using var truth = truthPath is null ? null : new TruthFileWriter(truthPath);
                    for (var i = 0; i < options.Customers; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var customer = simulator.Simulate(i);
                        truth?.Write(customer.Truth);
                        foreach (var message in customer.Events)
                        {
                            await loader.AddAsync(message, cancellationToken).ConfigureAwait(false);
                        }

                        run.Add(customer);
                    }

                    loadSeconds = clock.Elapsed.TotalSeconds;
                    await loader.CompleteAsync(step => phase = step, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidDataException)
                {
                    await context.Error.WriteLineAsync($"error: loading into {target} failed, nothing was written: {DatabaseTarget.Reason(ex)}").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }
        }
        finally
        {
            if (progress is not null)
            {
                await progress.DisposeAsync().ConfigureAwait(false);
            }
        }

        var seconds = Math.Max(0.001, clock.Elapsed.TotalSeconds);
        await context.Out.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"simulated {run.CustomersDone} customers over {options.Days} days from {options.Start:yyyy-MM-dd}: {run.Events} events, {run.Orders} orders, {run.DroppedOut} dropped out; " +
            $"{loader.Written} events written ({loader.Duplicates} duplicates) to {target} in {seconds:0.0} s: {loader.Written / Math.Max(0.001, loadSeconds):0} events/s copied in {loadSeconds:0.0} s, indexes and commit {seconds - loadSeconds:0.0} s"))
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string DescribeLoad(SimulationRun run, long written, TimeSpan elapsed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"customers {run.CustomersDone}/{run.CustomersTotal}, {written} events written, {written / Math.Max(0.001, elapsed.TotalSeconds):0} events/s");

    private static SimulationOptions ReadOptions(ParsedArguments arguments)
    {
        var start = SimulationOptions.DefaultStart;
        if (arguments.GetString("start") is { } text)
        {
            if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                throw new UsageException($"option --start expects a date as yyyy-MM-dd, got '{text}'");
            }

            start = new DateTimeOffset(date, TimeSpan.Zero);
        }

        var decayShare = arguments.GetDouble("decay-share", minimum: 0, minimumAllowed: true) ?? 0.3;
        if (decayShare > 1)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"option --decay-share must be between 0 and 1, got {decayShare}"));
        }

        return new SimulationOptions
        {
            Customers = arguments.GetInt32("customers", minimum: 1)!.Value,
            Days = arguments.GetInt32("days", minimum: 1, maximum: 36_500)!.Value,
            Seed = arguments.GetInt32("seed", minimum: 0)!.Value,
            Start = start,
            DecayShare = decayShare,
        };
    }

    private static string Describe(SimulationRun run, TimeSpan elapsed) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"customers {run.CustomersDone}/{run.CustomersTotal}, {run.Events} events written, {run.Events / Math.Max(0.001, elapsed.TotalSeconds):0} events/s");
}
