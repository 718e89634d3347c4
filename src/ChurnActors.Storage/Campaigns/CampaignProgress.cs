namespace ChurnActors.Storage.Campaigns;

/// <summary>How far a run is: members, how many are decided (a quiet-hours deferral is not), sent, and the count per decision.</summary>
public sealed record CampaignProgress(long Members, long Treated, long Control, long Decided, long Sent, IReadOnlyDictionary<string, long> ByDecision);
