using System.Diagnostics;
using System.Globalization;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using ChurnActors.LoadTools.Retention;
using ChurnActors.LoadTools.Verification;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// <c>bench ingest</c>: a load generator for the host's <c>/v1/batch</c> endpoint that then verifies every
/// acknowledged event reached its customer's grain. Request bodies are built before the clock starts (with a duration
/// and no rate, on a background thread a little ahead of the senders).
/// </summary>
public static class IngestBenchmark
{
    /// <summary>The host's documented batch body limit.</summary>
    public const int MaxBatchBytes = 500 * 1024;

    private const int VerifyConcurrency = 8;
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>How often, and how long at most, the episode count is read after the run until it stops growing.</summary>
    private static readonly TimeSpan EpisodePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EpisodeSettleTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs the benchmark and writes its report; null after writing why it could not run.</summary>
    /// <exception cref="BenchSettingsException">A batch is above the host's limit, or the latency log cannot be written.</exception>
    public static async Task<BenchOutcome?> RunAsync(IngestBenchmarkSettings settings, ToolOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            return await RunCoreAsync(settings, output, cancellationToken).ConfigureAwait(false);
        }
        catch (HostCallException ex)
        {
            // Only the playbooks' admin calls throw it: applying them, or reading their episode counts.
            await output.Info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return null;
        }
    }

    private static async Task<BenchOutcome?> RunCoreAsync(IngestBenchmarkSettings settings, ToolOutput output, CancellationToken cancellationToken)
    {
        var (events, batchSize, concurrency, customers, rate, duration, warmCustomers, json, verifyTimeout, latencyLogPath) =
            (settings.Events, settings.BatchSize, settings.Concurrency, settings.Customers, settings.Rate, settings.Duration,
                settings.WarmCustomers, settings.Json, settings.VerifyTimeout, settings.LatencyLogPath);
        var streamed = events == BenchWorkloadSettings.Unbounded;
        await using var latencyLog = latencyLogPath is null ? null : OpenLatencyLog(latencyLogPath);
        var runId = Guid.NewGuid().ToString("N")[..8];
        var info = output.Info;
        var preparing = Stopwatch.StartNew();
        var workloadSettings = new BenchWorkloadSettings(events, batchSize, customers, runId, Seed: Random.Shared.Next(), Now: DateTimeOffset.UtcNow);
        var workload = streamed ? null : BenchWorkloadGenerator.Generate(workloadSettings);
        var largest = workload?.LargestBodyBytes ?? BenchWorkloadGenerator.Stream(workloadSettings).Take(4).Max(b => b.Body.Length);
        if (largest > MaxBatchBytes)
        {
            throw new BenchSettingsException(string.Create(
                CultureInfo.InvariantCulture,
                $"a batch of {batchSize} events serializes to {largest / 1024} KB, above the host's {MaxBatchBytes / 1024} KB limit; use a smaller batch"));
        }

        await info.WriteLineAsync(workload is null
            ? string.Create(CultureInfo.InvariantCulture, $"run {runId}: sending for {duration!.Value.TotalSeconds:0.#} s to {customers} customers, batches generated as they go")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"run {runId}: prepared {events} events for {customers} customers in {workload.Batches.Count} batches ({preparing.Elapsed.TotalSeconds:0.00} s)")).ConfigureAwait(false);

        using var client = new ChurnApiClient(settings.Url, settings.WriteKey, concurrency + VerifyConcurrency, settings.ReadKey, adminKey: settings.AdminKey);
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return null;
        }

        await using var receiver = settings.Playbooks > 0 ? await StartReceiverAsync(settings.ReceiverPort, cancellationToken).ConfigureAwait(false) : null;
        IReadOnlyList<string> playbooks = [];
        if (receiver is not null)
        {
            playbooks = await BenchPlaybooks.ApplyAsync(client, settings.Playbooks, settings.Endpoint, settings.EntryCategory, cancellationToken).ConfigureAwait(false);
            await info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"applied {playbooks.Count} playbooks ({string.Join(", ", playbooks)}) delivering to the host's endpoint '{settings.Endpoint}'; webhook receiver on {receiver.Address}"))
                .ConfigureAwait(false);
        }

        // Events go to customers in turn, so the first batches hold every customer's first event.
        var warmBatches = warmCustomers ? (customers + batchSize - 1) / batchSize : 0;
        var warm = warmBatches > 0 ? await WarmCustomersAsync(client, workload!.Batches.Take(warmBatches).ToList(), concurrency, verifyTimeout, info, cancellationToken).ConfigureAwait(false) : null;
        if (warm is { Errors: > 0 })
        {
            await info.WriteLineAsync($"error: warming the customers failed: {warm.FirstError}").ConfigureAwait(false);
            return null;
        }

        var episodesBefore = playbooks.Count > 0 ? await BenchPlaybooks.CountEpisodesAsync(client, playbooks, cancellationToken).ConfigureAwait(false) : 0;
        var webhooksBefore = receiver?.Received ?? 0;
        var sender = new BenchSender(client, concurrency, rate, duration, keepTimeline: latencyLog is not null);
        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sendClock = Stopwatch.StartNew();
        SendResult send;
        await using (output.Progress("sending", () => new ProgressState(
            string.Create(
                CultureInfo.InvariantCulture,
                $"sent {sender.EventsSent}{(streamed ? "" : "/" + events.ToString(CultureInfo.InvariantCulture))} events, {sender.EventsAcknowledged} acknowledged, {sender.EventsAcknowledged / Math.Max(0.001, sendClock.Elapsed.TotalSeconds):0} events/s"),
            streamed ? sendClock.Elapsed / duration!.Value : (double)sender.EventsSent / events)))
        {
            var feed = workload is null
                ? BatchFeed.Generate(BenchWorkloadGenerator.Stream(workloadSettings), ahead: 4 * concurrency, stopFeed.Token)
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

        BenchRetention? retention = null;
        if (receiver is not null)
        {
            var episodes = await SettledEpisodesAsync(client, playbooks, cancellationToken).ConfigureAwait(false);
            retention = new BenchRetention(playbooks, episodes - episodesBefore, receiver.Received - webhooksBefore);
            if (retention is { EpisodesOpened: > 0, WebhooksReceived: 0 })
            {
                await info.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"warning: {retention.EpisodesOpened} episodes opened but no webhook reached {receiver.Address}: does the host's endpoint '{settings.Endpoint}' (ChurnActors:Retention:Endpoints:{settings.Endpoint}:Url) point there?"))
                    .ConfigureAwait(false);
            }
        }

        var generated = streamed ? (int)Math.Min(int.MaxValue, sender.EventsSent) : events - (int)(warm?.EventsAcknowledged ?? 0);
        var outcome = new BenchOutcome(
            runId, client.BaseAddress, generated, streamed ? send.AcknowledgedByCustomer.Count : customers, batchSize, concurrency, rate, send, verify, drained,
            WarmEvents: warm?.EventsAcknowledged ?? 0, Retention: retention);
        await output.Out.WriteAsync(json ? BenchReport.FormatJson(outcome) + Environment.NewLine : BenchReport.FormatTable(outcome)).ConfigureAwait(false);
        return outcome;
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

    private static async Task<WebhookReceiver> StartReceiverAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            return await WebhookReceiver.StartAsync(port, listener: null, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new BenchSettingsException(
                string.Create(CultureInfo.InvariantCulture, $"the webhook receiver cannot listen on 127.0.0.1:{port} ({ex.Message}); pick another --receiver-port"), ex);
        }
    }

    /// <summary>
    /// The playbooks' episode count once it stops growing: a grain opens its episodes after it applied the event that
    /// changed its band, so the last ones may open just after the host reported every event delivered.
    /// </summary>
    private static async Task<long> SettledEpisodesAsync(ChurnApiClient client, IReadOnlyList<string> playbooks, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var last = await BenchPlaybooks.CountEpisodesAsync(client, playbooks, cancellationToken).ConfigureAwait(false);
        while (Stopwatch.GetElapsedTime(started) < EpisodeSettleTimeout)
        {
            await Task.Delay(EpisodePoll, cancellationToken).ConfigureAwait(false);
            var current = await BenchPlaybooks.CountEpisodesAsync(client, playbooks, cancellationToken).ConfigureAwait(false);
            if (current == last)
            {
                break;
            }

            last = current;
        }

        return last;
    }

    private static LatencyLog OpenLatencyLog(string path)
    {
        try
        {
            return LatencyLog.Open(path);
        }
        catch (IOException ex)
        {
            throw new BenchSettingsException(ex.Message, ex);
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
