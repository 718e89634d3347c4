using System.Diagnostics;
using System.Globalization;
using ChurnActors.LoadTools.Http;
using ChurnActors.LoadTools.Metrics;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// The client-side cross-check of the host's event-to-score latency: a few customers of their own get one event at
/// a time; right after each acknowledgement the probe polls <c>GET /v1/users/{id}</c> until the event shows
/// (a grain rescored in the same turn that applied it), and records the time from the acknowledgement to that read.
/// Polling granularity (about a millisecond) and the read's own round trip are included.
/// </summary>
public sealed class ScoreProbe(ChurnApiClient client, string runId, int customers, TimeSpan pause)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    public LatencyRecorder AckToVisible { get; } = new();

    public int TimedOut { get; private set; }

    public string? FirstError { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var applied = new long[customers];
        var sent = 0L;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var customer = (int)(sent % customers);
                var userId = string.Create(CultureInfo.InvariantCulture, $"probe-{runId}-{customer}");
                var body = SegmentBatchWriter.Build([Event(userId, sent, applied[customer] == 0)]);
                sent++;
                var result = await client.PostBatchAsync(body, CancellationToken.None).ConfigureAwait(false);
                if (!result.Acknowledged)
                {
                    FirstError ??= result.Error;
                    await Task.Delay(pause, stop).ConfigureAwait(false);
                    continue;
                }

                var acknowledged = Stopwatch.GetTimestamp();
                var expected = ++applied[customer];
                while (true)
                {
                    var lookup = await client.GetUserAsync(userId, CancellationToken.None).ConfigureAwait(false);
                    if (lookup.State is { } state && state.EventsApplied >= expected)
                    {
                        AckToVisible.Record(Stopwatch.GetElapsedTime(acknowledged));
                        break;
                    }

                    if (lookup.Status is UserLookupStatus.Rejected or UserLookupStatus.Failed)
                    {
                        FirstError ??= lookup.Error;
                    }

                    if (Stopwatch.GetElapsedTime(acknowledged) > GiveUp)
                    {
                        TimedOut++;
                        break;
                    }

                    await Task.Delay(1, CancellationToken.None).ConfigureAwait(false);
                }

                await Task.Delay(pause, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The load run is over.
        }
    }

    private static SegmentEvent Event(string userId, long number, bool first) => first
        ? new SegmentEvent
        {
            Type = SegmentCallType.Identify,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{userId}-m{number}"),
            Timestamp = DateTimeOffset.UtcNow,
            UserId = userId,
            Traits = new CustomerTraits($"Probe {userId}", $"{userId}@example.test"),
        }
        : new SegmentEvent
        {
            Type = SegmentCallType.Track,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"{userId}-m{number}"),
            Timestamp = DateTimeOffset.UtcNow,
            UserId = userId,
            Event = CommerceEvents.ProductViewed,
            Item = new OrderLine(CommerceCatalog.All[(int)(number % CommerceCatalog.All.Count)]),
        };
}
