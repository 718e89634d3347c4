using ChurnActors.Retention.Control;

namespace ChurnActors.Storage.Campaigns;

/// <summary>A member of a run still to be decided, with the arm fixed at the snapshot.</summary>
public sealed record CampaignMember(string CustomerKey, ControlArm Arm, ControlReason ControlReason);
