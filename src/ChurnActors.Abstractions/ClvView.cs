namespace ChurnActors.Abstractions;

/// <summary>A customer's lifetime-value figures from the shop's BG/NBD and Gamma-Gamma fits (<c>clv</c> in the API).</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ClvView")]
public sealed record ClvView
{
    /// <summary>"fitted" or "insufficient-data".</summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>P(the customer is still active).</summary>
    [Id(1)] public double? PAlive { get; init; }

    /// <summary>Expected purchases (transactions) in the next 90 days.</summary>
    [Id(2)] public double? ExpectedPurchases90d { get; init; }

    /// <summary>When the next order is expected, should the customer still be active.</summary>
    [Id(3)] public DateTimeOffset? NextOrderExpectedAt { get; init; }

    /// <summary>Expected value of future purchases over the CLV horizon, in the shop's currency.</summary>
    [Id(4)] public double? Value { get; init; }

    /// <summary>Version of the shop fit the figures come from.</summary>
    [Id(5)] public string? ModelVersion { get; init; }

    [Id(6)] public string? Reason { get; init; }
}
