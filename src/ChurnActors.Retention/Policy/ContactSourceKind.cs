namespace ChurnActors.Retention.Policy;

/// <summary>What wants to reach the customer.</summary>
public enum ContactSourceKind
{
    /// <summary>A step of a playbook episode.</summary>
    Playbook,

    /// <summary>A campaign sent to a segment.</summary>
    Campaign,
}
