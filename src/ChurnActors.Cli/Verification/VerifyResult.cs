using ChurnActors.Cli.Http;

namespace ChurnActors.Cli.Verification;

/// <summary>
/// How many customers' grains reached their expected event counts and how long it took (from the reference
/// time given to <see cref="GrainVerifier.WaitAsync"/>, e.g. the last acknowledgement).
/// </summary>
internal sealed record VerifyResult(
    int Customers,
    int CustomersComplete,
    long EventsExpected,
    long EventsApplied,
    TimeSpan Elapsed,
    bool Ok,
    IReadOnlyList<CustomerShortfall> Mismatches,
    string? Error,
    IReadOnlyDictionary<string, UserState> States);
