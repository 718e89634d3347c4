using System.Diagnostics;

namespace ChurnActors.Grains.Metrics;

/// <summary>
/// Latencies the silo measures of its own pipeline, for <c>GET /v1/admin/metrics</c> and the <c>bench</c> commands:
/// how long after its commit (the moment its request is acknowledged) an event's customer has been rescored.
/// </summary>
public sealed class PipelineMetrics
{
    /// <summary>
    /// From the commit of a delivery's oldest event (the log writer acknowledges its requests and hands the events to
    /// the dispatcher in the same step) to the customer's grain returning from applying and rescoring the delivery;
    /// one sample per event.
    /// </summary>
    public LatencyRecorder CommitToScore { get; } = new();

    /// <summary>When the histograms were last reset (or created).</summary>
    public DateTimeOffset Since { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>The time stamp to pass to <see cref="RecordScored"/> later.</summary>
    public static long Now() => Stopwatch.GetTimestamp();

    /// <summary>Records <paramref name="events"/> events rescored now that were committed at <paramref name="committedAt"/> (<see cref="Now"/>).</summary>
    public void RecordScored(long committedAt, int events) => CommitToScore.Record(Stopwatch.GetElapsedTime(committedAt), events);

    /// <summary>Forgets every sample (a bench run starts with this).</summary>
    public void Reset()
    {
        CommitToScore.Reset();
        Since = DateTimeOffset.UtcNow;
    }
}
