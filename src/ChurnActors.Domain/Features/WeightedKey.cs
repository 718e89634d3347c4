namespace ChurnActors.Domain.Features;

/// <summary>A category or product with its exponentially decayed interest weight as of some time.</summary>
/// <param name="Key">The category name or product id.</param>
/// <param name="Weight">Sum of the interest weights of its events, each halved every half-life since it happened.</param>
public sealed record WeightedKey(string Key, double Weight);
