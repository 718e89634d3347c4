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
    /// <summary>No request failed and every acknowledged event reached its customer's grain.</summary>
    public bool Ok => Send.Errors == 0 && Verify.Ok;
}
