namespace ChurnActors.Domain.Lifetime;

/// <summary>One customer's calibration-period summary and, when a holdout period was given, its purchases there.</summary>
/// <param name="CustomerId">The customer key.</param>
/// <param name="Summary">x, tₓ, T and mean repeat spend as of the end of the calibration period.</param>
/// <param name="HoldoutPurchases">Transactions (purchase days) in the holdout period; 0 without one.</param>
public sealed record CalibratedCustomer(string CustomerId, PurchaseSummary Summary, int HoldoutPurchases);
