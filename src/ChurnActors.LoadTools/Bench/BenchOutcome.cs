using ChurnActors.LoadTools.Verification;

namespace ChurnActors.LoadTools.Bench;

/// <summary>
/// A finished bench run: its parameters, the send phase and the verification. <see cref="WarmEvents"/> were sent
/// before the measured phase (<c>--warm-customers</c>): verified with it, but not in its rates and latencies.
/// <see cref="Retention"/> says what the playbooks applied for the run did, when there were any.
/// </summary>
public sealed record BenchOutcome(
    string RunId,
    Uri Url,
    int EventsGenerated,
    int Customers,
    int BatchSize,
    int Concurrency,
    double? Rate,
    SendResult Send,
    VerifyResult Verify,
    TimeSpan? Drained = null,
    long WarmEvents = 0,
    BenchRetention? Retention = null)
{
    /// <summary>
    /// Events applied to their grains per second: the end-to-end rate (log and grains), where
    /// <see cref="SendResult.EventsPerSecond"/> is the acknowledgement rate. From the first request to the moment the
    /// host reported nothing left to deliver (<see cref="Drained"/> after the last acknowledgement), when the
    /// verification then found every event applied; otherwise to the verification round that found the last customer
    /// complete (a lower bound: that includes the polling of every customer's state).
    /// </summary>
    public double AppliedEventsPerSecond =>
        Math.Max(0, Verify.EventsApplied - WarmEvents) / Math.Max(0.001, (Send.Elapsed + AppliedAfterLastAck).TotalSeconds);

    /// <summary>From the last acknowledgement until every acknowledged event was known to be applied.</summary>
    public TimeSpan AppliedAfterLastAck => Verify.Ok && Drained is { } drained ? drained : Verify.Elapsed;

    /// <summary>No request failed and every acknowledged event reached its customer's grain.</summary>
    public bool Ok => Send.Errors == 0 && Verify.Ok;
}
