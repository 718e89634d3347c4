namespace ChurnActors.Retention.Control;

/// <summary>Whether a customer is contacted by a playbook or campaign, or only measured.</summary>
public enum ControlArm
{
    /// <summary>The customer may be contacted; the contact policy decides whether and when.</summary>
    Treated,

    /// <summary>The customer is never contacted by this source; its episode records what would have been sent.</summary>
    Control,
}
