namespace ChurnActors.Domain.Risk;

/// <summary>One customer's lifetime figures from the shop's fits.</summary>
/// <param name="ProbabilityAlive">P(the customer is still active); null when the fit gives no finite number for this history.</param>
/// <param name="ExpectedPurchases90d">Expected transactions in the next 90 days; null when not a finite number.</param>
/// <param name="NextOrderExpectedAt">The median time of the next order, should the customer be active (null when too far).</param>
/// <param name="Value">Expected spend over the next year (null without a spend fit, or when not a finite number).</param>
public sealed record LifetimeFigures(double? ProbabilityAlive, double? ExpectedPurchases90d, DateTimeOffset? NextOrderExpectedAt, double? Value)
{
    /// <summary>Whether the fit gave finite figures for this customer.</summary>
    public bool Finite => ProbabilityAlive is not null && ExpectedPurchases90d is not null;
}
