using System.Diagnostics;
using ChurnActors.Cli.Http;
using ChurnActors.Cli.Metrics;

namespace ChurnActors.Cli.Bench;

/// <summary>
/// Sends pre-serialized batches with a fixed number of concurrent senders. Without a rate, senders go as fast as
/// acknowledgements come back and latency is measured from the actual send. With a rate, batch k is due at
/// start + (events before k) / rate regardless of how earlier batches fared (open loop), and latency is measured
/// from that due time, so queueing behind a slow host shows up in the percentiles instead of being hidden.
/// </summary>
internal sealed class BenchSender
{
    private readonly ChurnApiClient client;
    private readonly int concurrency;
    private readonly double? eventsPerSecond;
    private long eventsSent;
    private long eventsAcknowledged;

    public BenchSender(ChurnApiClient client, int concurrency, double? eventsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        this.client = client;
        this.concurrency = concurrency;
        this.eventsPerSecond = eventsPerSecond;
    }

    public long EventsSent => Interlocked.Read(ref eventsSent);

    public long EventsAcknowledged => Interlocked.Read(ref eventsAcknowledged);

    public async Task<SendResult> RunAsync(IReadOnlyList<BenchBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);

        var dueOffsets = new long[batches.Count];
        long eventsBefore = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            dueOffsets[i] = eventsPerSecond is { } rate ? (long)(eventsBefore / rate * Stopwatch.Frequency) : 0;
            eventsBefore += batches[i].EventCount;
        }

        var acknowledged = new bool[batches.Count];
        var latency = new LatencyRecorder();
        var next = -1;
        var errors = 0;
        var retries = 0;
        long lastAck = 0;
        string? firstError = null;

        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Math.Min(concurrency, Math.Max(1, batches.Count))).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                var batch = batches[index];
                var measuredFrom = Stopwatch.GetTimestamp();
                if (eventsPerSecond is not null)
                {
                    // Measure from the due time even when this sender picks the batch up late (open loop), but
                    // never from a due time still ahead (timer granularity can release a sender slightly early).
                    var due = start + dueOffsets[index];
                    var wait = Stopwatch.GetElapsedTime(measuredFrom, due);
                    if (wait >= TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }

                    measuredFrom = Math.Min(due, Stopwatch.GetTimestamp());
                }

                Interlocked.Add(ref eventsSent, batch.EventCount);
                var result = await client.PostBatchAsync(batch.Body, cancellationToken).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                Interlocked.Add(ref retries, result.Retries);
                if (result.Acknowledged)
                {
                    latency.Record(Stopwatch.GetElapsedTime(measuredFrom, now));
                    acknowledged[index] = true;
                    Interlocked.Add(ref eventsAcknowledged, batch.EventCount);
                    InterlockedMax(ref lastAck, now);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, result.Error, null);
                }
            }
        }).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var byCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < batches.Count; i++)
        {
            if (!acknowledged[i])
            {
                continue;
            }

            foreach (var (customer, count) in batches[i].EventsByCustomer)
            {
                byCustomer[customer] = byCustomer.GetValueOrDefault(customer) + count;
            }
        }

        return new SendResult(
            EventsAcknowledged, batches.Count, errors, retries, firstError, latency.Summarize(), elapsed,
            lastAck == 0 ? Stopwatch.GetTimestamp() : lastAck, byCustomer);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
