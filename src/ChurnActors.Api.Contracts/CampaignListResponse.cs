namespace ChurnActors.Api.Contracts;

/// <summary>Every campaign, by id.</summary>
public sealed record CampaignListResponse(IReadOnlyList<CampaignResponse> Campaigns);
