namespace ChurnActors.Storage.Retention;

/// <summary>What was decided about one step of an episode (stored as the lower-case, hyphenated name).</summary>
public enum ActionDecision
{
    /// <summary>Handed to delivery.</summary>
    Sent,

    /// <summary>The episode is in the control arm: recorded as "would have sent".</summary>
    Control,

    /// <summary>A frequency cap (or a higher-priority playbook) took the customer's allowance.</summary>
    Capped,

    /// <summary>Deferred to the end of the customer's quiet hours.</summary>
    QuietHours,

    /// <summary>The customer is suppressed (unsubscribed, admin list).</summary>
    Suppressed,

    /// <summary>The day's offer budget is spent.</summary>
    Budget,

    /// <summary>The episode exited before the step was due.</summary>
    Exited,

    /// <summary>Delivery failed after its last attempt.</summary>
    Failed,
}
