namespace ChurnActors.Api.Contracts;

/// <summary>How far a campaign run is.</summary>
/// <param name="Members">Customers in the run's snapshot.</param>
/// <param name="Treated">Members in the treated arm.</param>
/// <param name="Control">Members in the control arm (global control group and the campaign's holdout).</param>
/// <param name="Decided">Members with a final decision (a quiet-hours deferral is not final).</param>
/// <param name="Sent">Members whose contact was handed to delivery.</param>
/// <param name="ByDecision">Members per decision: sent, control, capped, quiet-hours, suppressed, budget, failed, undecided.</param>
public sealed record CampaignProgressResponse(long Members, long Treated, long Control, long Decided, long Sent, IReadOnlyDictionary<string, long> ByDecision);
