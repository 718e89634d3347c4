namespace ChurnActors.Api.Contracts;

/// <summary>The <c>clv</c> block of <c>GET /v1/users/{userId}</c>: lifetime-value figures from the shop's BG/NBD and Gamma-Gamma fits.</summary>
public sealed record ClvResponse
{
    /// <summary>"fitted" or "insufficient-data".</summary>
    public required string Status { get; init; }

    /// <summary>P(the customer is still active).</summary>
    public double? PAlive { get; init; }

    /// <summary>Expected purchases (transactions) in the next 90 days.</summary>
    public double? ExpectedPurchases90d { get; init; }

    /// <summary>When the next order is expected, should the customer still be active.</summary>
    public DateTimeOffset? NextOrderExpectedAt { get; init; }

    /// <summary>Expected value of future purchases over the CLV horizon, in the shop's currency.</summary>
    public double? Value { get; init; }

    /// <summary>Version of the shop fit the figures come from.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>Why there are no figures, when there are none.</summary>
    public string? Reason { get; init; }
}
