using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Campaigns;

/// <summary>What counts as a campaign member retained: the goal event within the window after the run.</summary>
public sealed record CampaignOutcome
{
    /// <summary>The longest outcome window a campaign may set.</summary>
    public const int MaxWindowDays = 365;

    /// <summary>The default window.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>A Segment track event name; <c>Order Completed</c> by default.</summary>
    public string GoalEvent { get; init; } = PlaybookExit.DefaultGoalEvent;

    /// <summary>Days after the run in which the goal event counts.</summary>
    public int WindowDays { get; init; } = DefaultWindowDays;
}
