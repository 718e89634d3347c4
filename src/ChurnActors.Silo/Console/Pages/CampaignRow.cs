using ChurnActors.Storage.Campaigns;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>A campaign as the campaigns list shows it: the campaign, its next fire times and its latest run.</summary>
public sealed record CampaignRow(StoredCampaign Campaign, IReadOnlyList<DateTimeOffset> NextFireTimes, CampaignRun? LastRun);
