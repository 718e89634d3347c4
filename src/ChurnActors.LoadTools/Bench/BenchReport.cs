using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChurnActors.LoadTools.Bench;

/// <summary>Renders a <see cref="BenchOutcome"/> as a human-readable table or as one JSON object.</summary>
public static class BenchReport
{
    private const int ShortfallExamples = 5;

    public static string FormatTable(BenchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var send = outcome.Send;
        var verify = outcome.Verify;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;

        text.AppendLine(c, $"bench ingest  run {outcome.RunId}  {outcome.Url}");
        Row(text, "events", $"{send.EventsAcknowledged} of {outcome.EventsGenerated} acknowledged, {outcome.Customers} customers");
        if (outcome.WarmEvents > 0)
        {
            Row(text, "warm-up", $"{outcome.WarmEvents} events before the measured phase (each customer's first), verified but not measured");
        }

        Row(text, "requests", $"{send.Requests} of up to {outcome.BatchSize} events, concurrency {outcome.Concurrency}");
        if (outcome.Rate is { } rate)
        {
            Row(text, "target rate", $"{rate.ToString("0.#", c)} events/s (open loop; latency from intended send time)");
        }

        Row(text, "throughput", $"{send.EventsPerSecond.ToString("0.0", c)} events/s over {send.Elapsed.TotalSeconds.ToString("0.00", c)} s");
        var l = send.AckLatency;
        Row(text, "ack latency ms", $"p50 {Ms(l.P50)}  p90 {Ms(l.P90)}  p99 {Ms(l.P99)}  max {Ms(l.Max)}");
        Row(text, "errors", send.Errors.ToString(c));
        if (send.FirstError is not null)
        {
            Row(text, "first error", send.FirstError);
        }

        Row(text, "retries", send.Retries.ToString(c));

        text.AppendLine("verify");
        Row(text, "customers", $"{verify.CustomersComplete} of {verify.Customers} reached their expected event count");
        Row(text, "events", $"{verify.EventsApplied} of {verify.EventsExpected} applied to grains");
        Row(text, verify.CustomersComplete == verify.Customers ? "after last ack" : "waited", $"{verify.Elapsed.TotalSeconds.ToString("0.000", c)} s");
        if (outcome.Drained is { } drained)
        {
            Row(text, "host drained", $"{drained.TotalSeconds.ToString("0.000", c)} s after last ack (nothing left to deliver)");
        }

        if (outcome.Retention is { } retention)
        {
            Row(text, "playbooks", $"{string.Join(", ", retention.Playbooks)}: {retention.EpisodesOpened} episodes opened, {retention.WebhooksReceived} webhooks received");
        }

        Row(text, "end to end", $"{outcome.AppliedEventsPerSecond.ToString("0.0", c)} events/s applied to grains (first request to {(outcome.Verify.Ok && outcome.Drained is not null ? "host drained" : "last customer complete")})");
        if (verify.Mismatches.Count > 0)
        {
            var missing = verify.Mismatches.Sum(m => Math.Max(0, m.Expected - m.Applied));
            var extra = verify.Mismatches.Sum(m => Math.Max(0, m.Applied - m.Expected));
            Row(text, "shortfall", $"{missing} events missing, {extra} unexpected, on {verify.Mismatches.Count} customers");
            foreach (var m in verify.Mismatches.Take(ShortfallExamples))
            {
                text.AppendLine(c, $"    {m.UserId}: expected {m.Expected}, applied {m.Applied}");
            }

            if (verify.Mismatches.Count > ShortfallExamples)
            {
                text.AppendLine(c, $"    ... and {verify.Mismatches.Count - ShortfallExamples} more");
            }
        }

        if (verify.Error is not null)
        {
            Row(text, "verify error", verify.Error);
        }

        text.AppendLine(outcome.Ok ? "result: OK" : $"result: FAILED ({FailureReason(outcome)})");
        return text.ToString();
    }

    public static string FormatJson(BenchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var send = outcome.Send;
        var verify = outcome.Verify;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("runId", outcome.RunId);
            json.WriteNumber("eventsPerSecond", Math.Round(send.EventsPerSecond, 1));
            json.WriteNumber("appliedEventsPerSecond", Math.Round(outcome.AppliedEventsPerSecond, 1));
            json.WriteNumber("events", send.EventsAcknowledged);
            json.WriteNumber("eventsGenerated", outcome.EventsGenerated);
            json.WriteNumber("warmEvents", outcome.WarmEvents);
            json.WriteNumber("requests", send.Requests);
            json.WriteStartObject("ackLatencyMs");
            json.WriteNumber("p50", Math.Round(send.AckLatency.P50, 3));
            json.WriteNumber("p90", Math.Round(send.AckLatency.P90, 3));
            json.WriteNumber("p99", Math.Round(send.AckLatency.P99, 3));
            json.WriteNumber("max", Math.Round(send.AckLatency.Max, 3));
            json.WriteEndObject();
            json.WriteNumber("errors", send.Errors);
            json.WriteNumber("retries", send.Retries);
            json.WriteString("firstError", send.FirstError);
            json.WriteStartObject("verify");
            json.WriteNumber("customers", verify.Customers);
            json.WriteNumber("customersComplete", verify.CustomersComplete);
            json.WriteNumber("eventsExpected", verify.EventsExpected);
            json.WriteNumber("eventsApplied", verify.EventsApplied);
            json.WriteNumber("seconds", Math.Round(verify.Elapsed.TotalSeconds, 3));
            if (outcome.Drained is { } drainedAfter)
            {
                json.WriteNumber("hostDrainedSeconds", Math.Round(drainedAfter.TotalSeconds, 3));
            }

            json.WriteBoolean("ok", verify.Ok);
            json.WriteEndObject();
            if (outcome.Retention is { } retention)
            {
                json.WriteStartObject("retention");
                json.WriteStartArray("playbooks");
                foreach (var id in retention.Playbooks)
                {
                    json.WriteStringValue(id);
                }

                json.WriteEndArray();
                json.WriteNumber("episodesOpened", retention.EpisodesOpened);
                json.WriteNumber("webhooksReceived", retention.WebhooksReceived);
                json.WriteEndObject();
            }

            json.WriteBoolean("ok", outcome.Ok);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string FailureReason(BenchOutcome outcome)
    {
        var reasons = new List<string>();
        if (outcome.Send.Errors > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{outcome.Send.Errors} requests failed"));
        }

        if (!outcome.Verify.Ok)
        {
            reasons.Add("not every acknowledged event reached its grain");
        }

        return string.Join("; ", reasons);
    }

    private static void Row(StringBuilder text, string label, string value) =>
        text.Append("  ").Append(label.PadRight(16)).AppendLine(value);

    private static string Ms(double milliseconds) => milliseconds.ToString("0.0", CultureInfo.InvariantCulture);
}
