namespace ChurnActors.Retention.Policy;

/// <summary>A contact that is due for one customer and must pass the contact policy before it is sent.</summary>
/// <param name="CustomerKey">The customer (the user grain's key).</param>
/// <param name="Source">The playbook step or campaign that wants to send it.</param>
/// <param name="Channel">The channel it reaches the customer through (e.g. <c>email</c>, <c>sms</c>, <c>push</c>,
/// <c>webhook</c>); frequency caps and quiet-hour exemptions are per channel, compared case-insensitively.</param>
/// <param name="Priority">The source's priority: when caps let only some of several candidates through, the higher
/// priority wins.</param>
/// <param name="DueAt">When the contact became due; among equal priorities the earlier one wins.</param>
/// <param name="OfferValue">The coupon value in the shop's currency when the contact carries an offer; null otherwise.
/// Offers draw on the daily offer budget.</param>
public sealed record ContactCandidate(
    string CustomerKey,
    ContactSource Source,
    string Channel,
    int Priority,
    DateTimeOffset DueAt,
    decimal? OfferValue = null)
{
    /// <summary>Whether the contact carries an offer that draws on the daily offer budget.</summary>
    public bool IsOffer => OfferValue is not null;
}
