using ChurnActors.Domain.Risk;

namespace ChurnActors.Domain.Retention;

/// <summary>A retention episode as the customer's grain follows it: what ends it and what counts as its outcome.</summary>
public sealed class TrackedEpisode
{
    public long EpisodeId { get; set; }

    public string PlaybookId { get; set; } = "";

    public int Version { get; set; }

    /// <summary>The band the customer entered; leaving it ends the episode when <see cref="ExitOnBandExit"/>.</summary>
    public RiskBand Band { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>The end of the outcome window: a goal event before it counts as retained.</summary>
    public DateTimeOffset OutcomeEndsAt { get; set; }

    /// <summary>The event name that is the goal (e.g. <c>Order Completed</c>).</summary>
    public string GoalEvent { get; set; } = "";

    public bool ExitOnBandExit { get; set; }

    /// <summary>
    /// Why the customer is in the control arm of this episode (<c>global</c> or <c>holdout</c>); null in the treated
    /// arm. A control episode decides its steps like a treated one and records what would have been sent.
    /// </summary>
    public string? Control { get; set; }

    /// <summary>False once the episode exited (its remaining steps are cancelled); the outcome is still followed.</summary>
    public bool Open { get; set; } = true;

    /// <summary>When the first goal event inside the outcome window happened.</summary>
    public DateTimeOffset? GoalAt { get; set; }

    /// <summary>Gross order revenue inside the outcome window.</summary>
    public decimal Revenue { get; set; }

    /// <summary>An exit (a goal) noted when the event was applied and not yet written to the record.</summary>
    public string? PendingExit { get; set; }

    /// <summary>Whether the goal time or revenue changed since they were last written to the record.</summary>
    public bool OutcomeChanged { get; set; }

    /// <summary>Whether the event at <paramref name="at"/> falls inside the outcome window.</summary>
    public bool InWindow(DateTimeOffset at) => at >= OpenedAt && at < OutcomeEndsAt;
}
