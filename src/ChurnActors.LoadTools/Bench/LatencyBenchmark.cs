using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using System.Globalization;
using System.Text.Json;
using System.Text;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// <c>bench latency</c>: acknowledgement latency and event-to-updated-score latency at a fixed rate (open loop), the latter measured by the host and cross-checked by a client-side probe.
/// </summary>
public static class LatencyBenchmark
{
    /// <summary>Design targets: acknowledgement p99 and event-to-score p99 after acknowledgement, in ms.</summary>
    public const double AckP99TargetMs = 20;

    public const double ScoreP99TargetMs = 50;

    /// <summary>Runs it and writes the report; false when it failed (after writing why).</summary>
    /// <exception cref="BenchSettingsException">A setting turned out unusable once the run started.</exception>
    public static async Task<bool> RunAsync(LatencyBenchmarkSettings settings, ToolOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var url = settings.Url;
        var writeKey = settings.WriteKey;
        var readKey = settings.ReadKey;
        var adminKey = settings.AdminKey;
        var givenRate = settings.GivenRate;
        var duration = settings.Duration;
        var customers = settings.Customers;
        var batchSize = settings.BatchSize;
        var concurrency = settings.Concurrency;
        var probeDuration = settings.ProbeDuration;
        var probes = settings.Probes;
        var json = settings.Json;
        var info = output.Info;

        using var client = new ChurnApiClient(url, writeKey, concurrency + 16, readKey, adminKey: adminKey);
        if (await client.CheckReachableAsync(cancellationToken).ConfigureAwait(false) is { } unreachable)
        {
            await info.WriteLineAsync($"error: {unreachable}").ConfigureAwait(false);
            return false;
        }

        var admin = new HostAdmin(client);
        try
        {
            double? sustained = null;
            var rate = givenRate ?? 0;
            if (givenRate is null)
            {
                sustained = await ProbeSustainedAsync(client, admin, probeDuration, info, cancellationToken).ConfigureAwait(false);
                rate = Math.Max(1, Math.Floor(sustained.Value / 2));
            }

            var events = (int)Math.Clamp(Math.Ceiling(rate * duration.TotalSeconds), 1, int.MaxValue - 1);
            customers = Math.Min(customers, events);
            var runId = Guid.NewGuid().ToString("N")[..8];
            var workload = BenchWorkloadGenerator.Generate(new BenchWorkloadSettings(
                events, batchSize, customers, runId, Seed: Random.Shared.Next(), Now: DateTimeOffset.UtcNow));
            if (workload.LargestBodyBytes > IngestBenchmark.MaxBatchBytes)
            {
                throw new BenchSettingsException("a batch is above the host's 500 KB limit; use a smaller batch");
            }

            await info.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"run {runId}: {events} events at {rate:0} events/s for {duration.TotalSeconds:0.#} s over {customers} customers")).ConfigureAwait(false);

            await admin.ResetMetricsAsync(cancellationToken).ConfigureAwait(false);
            var sender = new BenchSender(client, concurrency, rate);
            using var stopProbe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var probe = new ScoreProbe(client, runId, Math.Max(1, probes), TimeSpan.FromMilliseconds(100));
            var probing = probes > 0 ? probe.RunAsync(stopProbe.Token) : Task.CompletedTask;
            SendResult send;
            await using (output.Progress("sending", () => new ProgressState(
                string.Create(CultureInfo.InvariantCulture, $"sent {sender.EventsSent}/{events} events, {sender.EventsAcknowledged} acknowledged"),
                (double)sender.EventsSent / events)))
            {
                send = await sender.RunAsync(workload.Batches, cancellationToken).ConfigureAwait(false);
            }

            await stopProbe.CancelAsync().ConfigureAwait(false);
            await probing.ConfigureAwait(false);
            await admin.WaitForDeliveryAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            var metrics = await admin.ReadMetricsAsync(cancellationToken).ConfigureAwait(false);

            var report = Report(url, runId, rate, sustained, duration, customers, batchSize, concurrency, send, sender, metrics.GetProperty("commitToScoreMs"), probe, probes);
            await output.Out.WriteAsync(json ? BenchJson.Serialize(report) + Environment.NewLine : Table(report)).ConfigureAwait(false);
            return send.Errors == 0;
        }
        catch (HostCallException ex)
        {
            await info.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>A closed-loop run at the host's maximum (batches of 500, 16 senders); its acknowledged events/s.</summary>
    private static async Task<double> ProbeSustainedAsync(
        ChurnApiClient client, HostAdmin admin, TimeSpan duration, TextWriter info, CancellationToken cancellationToken)
    {
        await info.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"probing the sustained maximum for {duration.TotalSeconds:0.#} s (closed loop, batches of 500, 16 senders)")).ConfigureAwait(false);
        var settings = new BenchWorkloadSettings(
            BenchWorkloadSettings.Unbounded, 500, 10_000, Guid.NewGuid().ToString("N")[..8], Random.Shared.Next(), DateTimeOffset.UtcNow);
        using var stopFeed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var send = await new BenchSender(client, 16, null, duration)
            .RunAsync(BatchFeed.Generate(BenchWorkloadGenerator.Stream(settings), 64, stopFeed.Token), cancellationToken).ConfigureAwait(false);
        await stopFeed.CancelAsync().ConfigureAwait(false);
        if (send.EventsAcknowledged == 0)
        {
            throw new HostCallException($"the sustained-maximum probe got no acknowledgement: {send.FirstError}");
        }

        await info.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture, $"sustained {send.EventsPerSecond:0} events/s; waiting for the host to deliver the probe's events and write their state")).ConfigureAwait(false);
        await admin.WaitForSettledAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        return send.EventsPerSecond;
    }

    private static object Report(
        Uri url, string runId, double rate, double? sustained, TimeSpan duration, int customers, int batchSize, int concurrency,
        SendResult send, BenchSender sender, JsonElement score, ScoreProbe probe, int probes)
    {
        var ack = send.AckLatency;
        var scoreP99 = score.GetProperty("p99").GetDouble();
        var ackP99 = ack.P99;
        return new
        {
            command = "bench latency",
            runId,
            url = url.ToString(),
            targetRate = rate,
            sustainedProbe = sustained is { } s ? Math.Round(s, 1) : (double?)null,
            durationSeconds = duration.TotalSeconds,
            customers,
            batch = batchSize,
            concurrency,
            events = send.EventsAcknowledged,
            eventsPerSecond = Math.Round(send.EventsPerSecond, 1),
            requests = send.Requests,
            errors = send.Errors,
            firstError = send.FirstError,
            ackLatencyMs = new
            {
                count = ack.Count,
                p50 = BenchJson.Ms(ack.P50),
                p90 = BenchJson.Ms(ack.P90),
                p99 = BenchJson.Ms(ack.P99),
                p999 = BenchJson.Ms(sender.Latency.PercentileOf(99.9)),
                max = BenchJson.Ms(ack.Max),
            },
            scoreLatencyMs = new
            {
                source = "host: commit to grain rescored",
                count = score.GetProperty("count").GetInt64(),
                mean = score.GetProperty("mean").GetDouble(),
                p50 = score.GetProperty("p50").GetDouble(),
                p90 = score.GetProperty("p90").GetDouble(),
                p99 = scoreP99,
                p999 = score.GetProperty("p999").GetDouble(),
                max = score.GetProperty("max").GetDouble(),
            },
            probeLatencyMs = probes == 0 ? null : new
            {
                source = "client: ack to GET /v1/users showing the event",
                count = probe.AckToVisible.Count,
                p50 = BenchJson.Ms(probe.AckToVisible.PercentileOf(50)),
                p99 = BenchJson.Ms(probe.AckToVisible.PercentileOf(99)),
                max = BenchJson.Ms(probe.AckToVisible.PercentileOf(100)),
                timedOut = probe.TimedOut,
                firstError = probe.FirstError,
            },
            targets = new
            {
                ackP99Ms = AckP99TargetMs,
                ackMet = ackP99 <= AckP99TargetMs,
                scoreP99Ms = ScoreP99TargetMs,
                scoreMet = scoreP99 <= ScoreP99TargetMs,
            },
        };
    }

    private static string Table(object report)
    {
        using var document = JsonDocument.Parse(BenchJson.Serialize(report));
        var r = document.RootElement;
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench latency  run {r.GetProperty("runId").GetString()}  {r.GetProperty("url").GetString()}");
        var sustained = r.GetProperty("sustainedProbe");
        Row(text, "target rate", $"{r.GetProperty("targetRate").GetDouble():0} events/s, open loop{(sustained.ValueKind == JsonValueKind.Number ? string.Create(c, $" (half of the probed {sustained.GetDouble():0})") : "")}");
        Row(text, "sent", $"{r.GetProperty("events").GetInt64()} events acknowledged at {r.GetProperty("eventsPerSecond").GetDouble():0.0} events/s, {r.GetProperty("customers").GetInt32()} customers, batches of {r.GetProperty("batch").GetInt32()}, errors {r.GetProperty("errors").GetInt32()}");
        Row(text, "ack ms", Percentiles(r.GetProperty("ackLatencyMs"), withP999: true));
        Row(text, "score ms (host)", Percentiles(r.GetProperty("scoreLatencyMs"), withP999: true) + string.Create(c, $"  ({r.GetProperty("scoreLatencyMs").GetProperty("count").GetInt64()} events)"));
        if (r.GetProperty("probeLatencyMs") is { ValueKind: JsonValueKind.Object } probe)
        {
            Row(text, "score ms (probe)", Percentiles(probe, withP999: false) + string.Create(c, $"  ({probe.GetProperty("count").GetInt32()} probes, {probe.GetProperty("timedOut").GetInt32()} timed out)"));
        }

        var targets = r.GetProperty("targets");
        Row(text, "targets", string.Create(c, $"ack p99 <= {AckP99TargetMs} ms: {(targets.GetProperty("ackMet").GetBoolean() ? "met" : "NOT met")}; score p99 <= {ScoreP99TargetMs} ms after ack: {(targets.GetProperty("scoreMet").GetBoolean() ? "met" : "NOT met")}"));
        if (r.GetProperty("firstError").GetString() is { } error)
        {
            Row(text, "first error", error);
        }

        return text.ToString();
    }

    private static string Percentiles(JsonElement l, bool withP999)
    {
        var c = CultureInfo.InvariantCulture;
        var p999 = withP999 ? string.Create(c, $"  p99.9 {l.GetProperty("p999").GetDouble():0.0}") : "";
        return string.Create(c, $"p50 {l.GetProperty("p50").GetDouble():0.0}{(l.TryGetProperty("p90", out var p90) ? string.Create(c, $"  p90 {p90.GetDouble():0.0}") : "")}  p99 {l.GetProperty("p99").GetDouble():0.0}{p999}  max {l.GetProperty("max").GetDouble():0.0}");
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(18)).AppendLine(value);
}
