using ChurnActors.Api.Contracts;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Reporting;
using System.Globalization;
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

            var report = Report(url, runId, rate, sustained, duration, customers, batchSize, concurrency, send, sender, metrics.CommitToScoreMs, probe, probes);
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

    private static LatencyBenchReport Report(
        Uri url, string runId, double rate, double? sustained, TimeSpan duration, int customers, int batchSize, int concurrency,
        SendResult send, BenchSender sender, LatencyResponse score, ScoreProbe probe, int probes)
    {
        var ack = send.AckLatency;
        return new LatencyBenchReport(
            Command: "bench latency",
            runId,
            url.ToString(),
            TargetRate: rate,
            SustainedProbe: sustained is { } s ? Math.Round(s, 1) : null,
            DurationSeconds: duration.TotalSeconds,
            customers,
            Batch: batchSize,
            concurrency,
            Events: send.EventsAcknowledged,
            EventsPerSecond: Math.Round(send.EventsPerSecond, 1),
            send.Requests,
            send.Errors,
            send.FirstError,
            new AckLatencyReport(
                ack.Count,
                BenchJson.Ms(ack.P50),
                BenchJson.Ms(ack.P90),
                BenchJson.Ms(ack.P99),
                BenchJson.Ms(sender.Latency.PercentileOf(99.9)),
                BenchJson.Ms(ack.Max)),
            new ScoreLatencyReport("host: commit to grain rescored", score.Count, score.Mean, score.P50, score.P90, score.P99, score.P999, score.Max),
            probes == 0
                ? null
                : new ProbeLatencyReport(
                    "client: ack to GET /v1/users showing the event",
                    probe.AckToVisible.Count,
                    BenchJson.Ms(probe.AckToVisible.PercentileOf(50)),
                    BenchJson.Ms(probe.AckToVisible.PercentileOf(99)),
                    BenchJson.Ms(probe.AckToVisible.PercentileOf(100)),
                    probe.TimedOut,
                    probe.FirstError),
            new LatencyTargets(AckP99TargetMs, ack.P99 <= AckP99TargetMs, ScoreP99TargetMs, score.P99 <= ScoreP99TargetMs));
    }

    private static string Table(LatencyBenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"bench latency  run {r.RunId}  {r.Url}");
        Row(text, "target rate", string.Create(c, $"{r.TargetRate:0} events/s, open loop{(r.SustainedProbe is { } sustained ? string.Create(c, $" (half of the probed {sustained:0})") : "")}"));
        Row(text, "sent", string.Create(c, $"{r.Events} events acknowledged at {r.EventsPerSecond:0.0} events/s, {r.Customers} customers, batches of {r.Batch}, errors {r.Errors}"));
        var ack = r.AckLatencyMs;
        Row(text, "ack ms", Percentiles(ack.P50, ack.P90, ack.P99, ack.P999, ack.Max));
        var score = r.ScoreLatencyMs;
        Row(text, "score ms (host)", Percentiles(score.P50, score.P90, score.P99, score.P999, score.Max) + string.Create(c, $"  ({score.Count} events)"));
        if (r.ProbeLatencyMs is { } probe)
        {
            Row(text, "score ms (probe)", Percentiles(probe.P50, null, probe.P99, null, probe.Max) + string.Create(c, $"  ({probe.Count} probes, {probe.TimedOut} timed out)"));
        }

        var targets = r.Targets;
        Row(text, "targets", string.Create(c, $"ack p99 <= {AckP99TargetMs} ms: {(targets.AckMet ? "met" : "NOT met")}; score p99 <= {ScoreP99TargetMs} ms after ack: {(targets.ScoreMet ? "met" : "NOT met")}"));
        if (r.FirstError is { } error)
        {
            Row(text, "first error", error);
        }

        return text.ToString();
    }

    private static string Percentiles(double p50, double? p90, double p99, double? p999, double max)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(c, $"p50 {p50:0.0}");
        if (p90 is { } ninety)
        {
            text.Append(c, $"  p90 {ninety:0.0}");
        }

        text.Append(c, $"  p99 {p99:0.0}");
        if (p999 is { } nines)
        {
            text.Append(c, $"  p99.9 {nines:0.0}");
        }

        return text.Append(c, $"  max {max:0.0}").ToString();
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(18)).AppendLine(value);
}
