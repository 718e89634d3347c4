using ChurnActors.LoadTools.Http;

namespace ChurnActors.LoadTools.Verification;

/// <summary>
/// How many customers' grains reached their expected event counts and how long it took (from the reference
/// time given to <see cref="GrainVerifier.WaitAsync"/>, e.g. the last acknowledgement).
/// </summary>
public sealed record VerifyResult(
    int Customers,
    int CustomersComplete,
    long EventsExpected,
    long EventsApplied,
    TimeSpan Elapsed,
    bool Ok,
    IReadOnlyList<CustomerShortfall> Mismatches,
    string? Error,
    IReadOnlyDictionary<string, UserState> States);
