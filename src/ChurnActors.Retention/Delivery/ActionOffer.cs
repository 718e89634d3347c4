namespace ChurnActors.Retention.Delivery;

/// <summary>The coupon of an offer step.</summary>
/// <param name="Code">The coupon code the receiver issues or redeems.</param>
/// <param name="Amount">The coupon's value, in <paramref name="Currency"/>.</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="ExpiresAt">When the coupon expires, when the playbook sets it.</param>
public sealed record ActionOffer(string Code, decimal Amount, string Currency, DateTimeOffset? ExpiresAt = null);
