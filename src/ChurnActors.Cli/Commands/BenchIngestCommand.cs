using System.Diagnostics;
using System.Globalization;
using ChurnActors.Cli.Arguments;
using ChurnActors.Cli.Bench;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Verification;

namespace ChurnActors.Cli.Commands;

/// <summary>
/// <c>churnactors bench ingest</c>: a load generator for the host's <c>/v1/batch</c> endpoint that then verifies
/// every acknowledged event reached its customer's grain.
/// </summary>
internal sealed class BenchIngestCommand : ICliCommand
{
    /// <summary>The host's documented batch body limit.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    private const int VerifyConcurrency = 8;

    public CommandSpec Spec { get; } = new(
        "bench ingest",
        "Load-test /v1/batch with generated Segment events, then verify they reached their grains.",
        [
            HostOptions.Url,
            HostOptions.WriteKey,
            HostOptions.ReadKey,
            OptionSpec.Value("events", "N", "Number of events to send.", required: true),
            OptionSpec.Value("batch", "B", "Events per /v1/batch request (default 100)."),
            OptionSpec.Value("concurrency", "C", "Concurrent senders (default 8)."),
            OptionSpec.Value("customers", "M", "Customers the events are spread over (default max(1, N/20))."),
            OptionSpec.Value("rate", "R", "Pace sending to R events/s in total (open loop); default: as fast as acknowledged."),
            OptionSpec.Flag("json", "Print one JSON object instead of the table."),
            OptionSpec.Value("verify-timeout", "SECONDS", "How long to wait for grains to apply the acknowledged events (default 60)."),
        ],
        "All request bodies are built before the clock starts. Ack latency is measured from send (or, with --rate,\n" +
        "from the intended send time) to the 200. 503/429 are retried honouring Retry-After; other non-200s are errors.\n" +
        "Exit code 0 only if no request failed and every acknowledged event reached its grain.");

    public async Task<int> ExecuteAsync(ParsedArguments arguments, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);

        var url = HostOptions.ResolveUrl(arguments);
        var writeKey = HostOptions.ResolveWriteKey(arguments, context);
        var events = arguments.GetInt32("events", minimum: 1)!.Value;
        var batchSize = arguments.GetInt32("batch", minimum: 1) ?? 100;
        var concurrency = arguments.GetInt32("concurrency", minimum: 1, maximum: 4096) ?? 8;
        var customers = arguments.GetInt32("customers", minimum: 1) ?? BenchWorkloadSettings.DefaultCustomers(events);
        var rate = arguments.GetDouble("rate", minimum: 0);
        var json = arguments.Has("json");
        var verifyTimeout = TimeSpan.FromSeconds(arguments.GetDouble("verify-timeout", minimum: 0, minimumAllowed: true) ?? 60);
        if (customers > events)
        {
            throw new UsageException($"option --customers ({customers}) must not exceed --events ({events})");
        }

        var runId = Guid.NewGuid().ToString("N")[..8];
        var info = context.Error;
        var preparing = Stopwatch.StartNew();
        var workload = BenchWorkloadGenerator.Generate(new BenchWorkloadSettings(
            events, batchSize, customers, runId, Seed: Random.Shared.Next(), Now: DateTimeOffset.UtcNow));
        if (workload.LargestBodyBytes > MaxBatchBytes)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"a batch of {batchSize} events serializes to {workload.LargestBodyBytes / 1024} KB, above the host's {MaxBatchBytes / 1024} KB limit; use a smaller --batch"));
        }

        await info.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"run {runId}: prepared {events} events for {customers} customers in {workload.Batches.Count} batches ({preparing.Elapsed.TotalSeconds:0.00} s)")).ConfigureAwait(false);

        using var client = new ChurnApiClient(url, writeKey, concurrency + VerifyConcurrency, arguments.GetString(HostOptions.ReadKey.Name));
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var sender = new BenchSender(client, concurrency, rate);
        var sendClock = Stopwatch.StartNew();
        SendResult send;
        await using (ProgressReporter.Start(info, context.ErrorIsTerminal, () => string.Create(
            CultureInfo.InvariantCulture,
            $"sent {sender.EventsSent}/{events} events, {sender.EventsAcknowledged} acknowledged, {sender.EventsAcknowledged / Math.Max(0.001, sendClock.Elapsed.TotalSeconds):0} events/s")))
        {
            send = await sender.RunAsync(workload.Batches, cancellationToken).ConfigureAwait(false);
        }

        if (send.FirstError is not null)
        {
            await info.WriteLineAsync($"first error: {send.FirstError}").ConfigureAwait(false);
        }

        await info.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"verifying {send.AcknowledgedByCustomer.Count} customers (up to {verifyTimeout.TotalSeconds:0.#} s)")).ConfigureAwait(false);
        var verify = await new GrainVerifier(client, VerifyConcurrency).WaitAsync(
            send.AcknowledgedByCustomer, exact: true, verifyTimeout, send.LastAckTimestamp, cancellationToken).ConfigureAwait(false);

        var outcome = new BenchOutcome(runId, client.BaseAddress, events, customers, batchSize, concurrency, rate, send, verify);
        await context.Out.WriteAsync(json ? BenchReport.FormatJson(outcome) + Environment.NewLine : BenchReport.FormatTable(outcome)).ConfigureAwait(false);
        return outcome.Ok ? ExitCodes.Success : ExitCodes.Failure;
    }
}
