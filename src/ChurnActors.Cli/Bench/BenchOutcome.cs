using ChurnActors.Cli.Verification;

namespace ChurnActors.Cli.Bench;

/// <summary>A finished bench run: its parameters, the send phase and the verification.</summary>
internal sealed record BenchOutcome(
    string RunId,
    Uri Url,
    int EventsGenerated,
    int Customers,
    int BatchSize,
    int Concurrency,
    double? Rate,
    SendResult Send,
    VerifyResult Verify)
{
    /// <summary>
    /// Events applied to their grains per second, from the first request to the verification round that found the
    /// last customer complete: the end-to-end rate (log and grains), where <see cref="SendResult.EventsPerSecond"/> is
    /// the acknowledgement rate. Polling granularity makes it a lower bound.
    /// </summary>
    public double AppliedEventsPerSecond =>
        Verify.EventsApplied / Math.Max(0.001, (Send.Elapsed + Verify.Elapsed).TotalSeconds);

    /// <summary>No request failed and every acknowledged event reached its customer's grain.</summary>
    public bool Ok => Send.Errors == 0 && Verify.Ok;
}
