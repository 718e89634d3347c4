namespace ChurnActors.Retention.Control;

/// <summary>The arm a customer is in for one playbook or campaign, and why, in words a retention team can read.</summary>
/// <param name="Arm">Treated or control.</param>
/// <param name="Reason">Global control group, the source's holdout, or none (treated).</param>
/// <param name="Description">A human-readable sentence that states the arm and the share it was drawn from.</param>
public sealed record ControlAssignment(ControlArm Arm, ControlReason Reason, string Description)
{
    /// <summary>Whether the customer is in the control arm (global or holdout).</summary>
    public bool IsControl => Arm == ControlArm.Control;
}
