namespace ChurnActors.Retention.Playbooks;

/// <summary>What ends an episode early; its remaining steps are cancelled (recorded as <c>exited</c>).</summary>
public sealed record PlaybookExit
{
    /// <summary>The default goal: the customer ordered again.</summary>
    public const string DefaultGoalEvent = "Order Completed";

    /// <summary>The event (a Segment track event name) that reaches the goal; it also defines "retained" in the results.</summary>
    public string GoalEvent { get; init; } = DefaultGoalEvent;

    /// <summary>Whether leaving the entry band ends the episode.</summary>
    public bool OnBandExit { get; init; } = true;
}
