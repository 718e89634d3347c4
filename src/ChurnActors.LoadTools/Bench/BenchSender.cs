using System.Diagnostics;
using System.Threading.Channels;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Metrics;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// Sends pre-serialized batches with a fixed number of concurrent senders. Without a rate, senders go as fast as
/// acknowledgements come back and latency is measured from the actual send. With a rate, the batch starting at event
/// k is due at start + k / rate regardless of how earlier batches fared (open loop), and latency is measured
/// from that due time, so queueing behind a slow host shows up in the percentiles instead of being hidden.
/// With a duration, senders take no new batch once it has passed (batches in flight still count).
/// </summary>
public sealed class BenchSender
{
    private readonly ChurnApiClient _client;
    private readonly int _concurrency;
    private readonly double? _eventsPerSecond;
    private readonly TimeSpan? _duration;
    private readonly List<TimedLatency>? _timeline;
    private long _eventsSent;
    private long _eventsAcknowledged;

    public BenchSender(ChurnApiClient client, int concurrency, double? eventsPerSecond, TimeSpan? duration = null, bool keepTimeline = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _client = client;
        _concurrency = concurrency;
        _eventsPerSecond = eventsPerSecond;
        _duration = duration;
        _timeline = keepTimeline ? [] : null;
    }

    public long EventsSent => Interlocked.Read(ref _eventsSent);

    public long EventsAcknowledged => Interlocked.Read(ref _eventsAcknowledged);

    /// <summary>Every acknowledgement latency of the run so far (for percentiles beyond the summary's).</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>The wall-clock time the send phase started (the zero of <see cref="Timeline"/>).</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>
    /// With <c>keepTimeline</c>, every acknowledged request's send (or due) time since the start and its latency, in
    /// the order they were acknowledged; otherwise empty.
    /// </summary>
    public IReadOnlyList<TimedLatency> Timeline
    {
        get
        {
            if (_timeline is null)
            {
                return [];
            }

            lock (_timeline)
            {
                return [.. _timeline];
            }
        }
    }

    public Task<SendResult> RunAsync(IReadOnlyList<BenchBatch> batches, CancellationToken cancellationToken) =>
        RunAsync(BatchFeed.Of(batches), cancellationToken);

    public async Task<SendResult> RunAsync(ChannelReader<BenchBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);

        var latency = Latency;
        var requests = 0;
        var errors = 0;
        var retries = 0;
        long lastAck = 0;
        string? firstError = null;
        var byCustomer = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();

        var start = Stopwatch.GetTimestamp();
        StartedAt = DateTimeOffset.UtcNow;
        var stopAt = _duration is { } d ? start + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        var workers = Enumerable.Range(0, _concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < stopAt && await batches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Stopwatch.GetTimestamp() >= stopAt || !batches.TryRead(out var batch))
                {
                    continue;
                }

                var measuredFrom = Stopwatch.GetTimestamp();
                if (_eventsPerSecond is { } rate)
                {
                    // Measure from the due time even when this sender picks the batch up late (open loop), but
                    // never from a due time still ahead (timer granularity can release a sender slightly early).
                    var due = start + (long)(batch.FirstEvent / rate * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(measuredFrom, due);
                    if (wait >= TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    }

                    measuredFrom = Math.Min(due, Stopwatch.GetTimestamp());
                }

                Interlocked.Add(ref _eventsSent, batch.EventCount);
                Interlocked.Increment(ref requests);
                var result = await _client.PostBatchAsync(batch.Body, cancellationToken).ConfigureAwait(false);
                var now = Stopwatch.GetTimestamp();
                Interlocked.Add(ref retries, result.Retries);
                if (result.Acknowledged)
                {
                    var took = Stopwatch.GetElapsedTime(measuredFrom, now);
                    latency.Record(took);
                    if (_timeline is not null)
                    {
                        lock (_timeline)
                        {
                            _timeline.Add(new TimedLatency(Stopwatch.GetElapsedTime(start, measuredFrom), took));
                        }
                    }

                    Interlocked.Add(ref _eventsAcknowledged, batch.EventCount);
                    InterlockedMax(ref lastAck, now);
                    lock (gate)
                    {
                        foreach (var (customer, count) in batch.EventsByCustomer)
                        {
                            byCustomer[customer] = byCustomer.GetValueOrDefault(customer) + count;
                        }
                    }
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

        return new SendResult(
            EventsAcknowledged, requests, errors, retries, firstError, latency.Summarize(), elapsed,
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
