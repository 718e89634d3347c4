using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// The outcome sums of one playbook version's episodes in one arm (and control reason), as of a moment: what
/// <see cref="ArmAccumulator.FromSums"/> takes. An episode is decided when its goal came within the outcome window
/// (retained, even before the window ends) or the window has ended; otherwise it is pending and enters no sum.
/// </summary>
/// <param name="Version">The playbook version.</param>
/// <param name="Arm">Treated or control.</param>
/// <param name="ControlReason">For the control arm: global or holdout.</param>
/// <param name="Customers">Decided episodes.</param>
/// <param name="Pending">Episodes whose window has not ended and that have no goal within it yet.</param>
/// <param name="Sums">Over the decided episodes: outcome (1 retained, 0 not) and its squares, revenue in the window, pre-period revenue, their squares and products.</param>
public sealed record EpisodeOutcomeSums(int Version, ControlArm Arm, ControlReason? ControlReason, long Customers, long Pending, ArmSums Sums);
