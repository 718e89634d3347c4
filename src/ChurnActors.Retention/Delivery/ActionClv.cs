namespace ChurnActors.Retention.Delivery;

/// <summary>The customer's lifetime value figures in a retention webhook.</summary>
/// <param name="Value">Expected value of future purchases, in the shop's currency.</param>
/// <param name="PAlive">P(the customer is still active).</param>
/// <param name="ExpectedPurchases90d">Expected purchases in the next 90 days.</param>
public sealed record ActionClv(double? Value, double? PAlive, double? ExpectedPurchases90d);
