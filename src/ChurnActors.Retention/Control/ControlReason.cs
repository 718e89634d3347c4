namespace ChurnActors.Retention.Control;

/// <summary>Why a customer is in the control arm.</summary>
public enum ControlReason
{
    /// <summary>The customer is treated.</summary>
    None,

    /// <summary>The customer is in the global control group: never contacted by any playbook or campaign.</summary>
    Global,

    /// <summary>The customer is in the holdout of this playbook (or campaign) only.</summary>
    Holdout,
}
