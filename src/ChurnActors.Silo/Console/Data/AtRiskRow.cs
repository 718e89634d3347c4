namespace ChurnActors.Silo.Console.Data;

/// <summary>A customer's row of the projection, as the at-risk list and the customer page show it.</summary>
public sealed record AtRiskRow(
    string CustomerKey,
    string Status,
    string? Band,
    double? Probability,
    double? Clv,
    double? ValueAtRisk,
    DateTimeOffset? BandSince,
    string? TopCategory,
    string? Country,
    DateTimeOffset? LastEventAt,
    string? ModelVersion,
    DateTimeOffset UpdatedAt);
