using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;

namespace ChurnActors.Storage.Campaigns;

/// <summary>
/// The outcome sums of one arm (and control reason) of one run: members whose outcome is known (retained, or the window
/// ended) and pending ones, with the sums <see cref="ArmAccumulator.FromSums"/> takes.
/// </summary>
public sealed record CampaignArmSums(long RunId, ControlArm Arm, ControlReason ControlReason, long Customers, long Pending, ArmSums Sums);
