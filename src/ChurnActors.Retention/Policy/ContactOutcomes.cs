namespace ChurnActors.Retention.Policy;

/// <summary>The names under which decisions are recorded and shown (<c>GET /v1/users/{id}</c>, results).</summary>
public static class ContactOutcomes
{
    /// <summary><c>sent</c>, <c>control</c>, <c>capped</c>, <c>quiet-hours</c>, <c>suppressed</c> or <c>budget</c>.</summary>
    public static string Code(this ContactOutcome outcome) => outcome switch
    {
        ContactOutcome.Send => "sent",
        ContactOutcome.Control => "control",
        ContactOutcome.Capped => "capped",
        ContactOutcome.QuietHours => "quiet-hours",
        ContactOutcome.Suppressed => "suppressed",
        ContactOutcome.Budget => "budget",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown contact outcome."),
    };
}
