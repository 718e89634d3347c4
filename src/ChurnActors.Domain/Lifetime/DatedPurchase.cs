namespace ChurnActors.Domain.Lifetime;

/// <summary>One transaction of a customer on one day (several orders of the same day already merged).</summary>
/// <param name="CustomerId">The customer key.</param>
/// <param name="Day">The purchase day.</param>
/// <param name="Units">Items bought that day.</param>
/// <param name="Value">Value of the day's orders.</param>
public readonly record struct DatedPurchase(string CustomerId, DateOnly Day, int Units, decimal Value);
