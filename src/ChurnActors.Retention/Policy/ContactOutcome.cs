namespace ChurnActors.Retention.Policy;

/// <summary>What happens to a candidate contact. <see cref="ContactOutcomes.Code"/> gives the recorded name.</summary>
public enum ContactOutcome
{
    /// <summary>Send it now (<c>sent</c>).</summary>
    Send,

    /// <summary>The customer is in the control arm; nothing is sent (<c>control</c>).</summary>
    Control,

    /// <summary>A frequency cap is reached, or a higher-priority candidate took the last slot (<c>capped</c>).</summary>
    Capped,

    /// <summary>It is night for the customer; try again at the deferred time (<c>quiet-hours</c>).</summary>
    QuietHours,

    /// <summary>The customer must not be contacted (<c>suppressed</c>).</summary>
    Suppressed,

    /// <summary>The shop's daily offer budget cannot pay for the offer (<c>budget</c>).</summary>
    Budget,
}
