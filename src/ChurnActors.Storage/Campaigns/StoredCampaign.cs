using ChurnActors.Retention.Campaigns;

namespace ChurnActors.Storage.Campaigns;

/// <summary>A campaign as stored: its current definition, how often it was updated, and whether it is paused.</summary>
public sealed record StoredCampaign(string Id, CampaignDefinition Definition, int Version, bool Paused, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
