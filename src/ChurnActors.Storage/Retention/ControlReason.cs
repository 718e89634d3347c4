namespace ChurnActors.Storage.Retention;

/// <summary>Why an episode is in the control arm.</summary>
public enum ControlReason
{
    /// <summary>The customer is in the global control group, which no playbook or campaign contacts.</summary>
    Global,

    /// <summary>The customer fell in the playbook's holdout share.</summary>
    Holdout,
}
