using ChurnActors.LoadTools.Metrics;

namespace ChurnActors.LoadTools.Bench;

/// <summary>What the send phase achieved. <see cref="LastAckTimestamp"/> is a <see cref="System.Diagnostics.Stopwatch"/> timestamp.</summary>
public sealed record SendResult(
    long EventsAcknowledged,
    int Requests,
    int Errors,
    int Retries,
    string? FirstError,
    LatencySummary AckLatency,
    TimeSpan Elapsed,
    long LastAckTimestamp,
    IReadOnlyDictionary<string, int> AcknowledgedByCustomer)
{
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? EventsAcknowledged / Elapsed.TotalSeconds : 0;
}
