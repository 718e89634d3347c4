namespace ChurnActors.Retention.Delivery;

/// <summary>One personalisation item of a retention webhook.</summary>
/// <param name="Kind"><c>category</c> or <c>product</c>.</param>
/// <param name="Id">The category name or product id as the shop sent it.</param>
/// <param name="Weight">How strongly it features in the customer's history (e.g. revenue share), when known.</param>
public sealed record ActionRecommendation(string Kind, string Id, double? Weight = null);
