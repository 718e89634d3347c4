namespace ChurnActors.Api.Contracts;

/// <summary>One member of an audience as the preview shows it; figures the projection does not have yet are null.</summary>
public sealed record AudienceMemberResponse(
    string CustomerKey,
    string? Band,
    double? Probability,
    double? Clv,
    double? ValueAtRisk,
    string? TopCategory);
