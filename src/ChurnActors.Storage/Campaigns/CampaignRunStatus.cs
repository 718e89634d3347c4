namespace ChurnActors.Storage.Campaigns;

/// <summary>The recorded states of a campaign run.</summary>
public static class CampaignRunStatus
{
    public const string Queued = "queued";

    public const string Running = "running";

    /// <summary>Every member is decided except those deferred by quiet hours; the run continues when they are due.</summary>
    public const string Waiting = "waiting";

    /// <summary>The campaign was paused while the run was open; resuming the campaign continues the run.</summary>
    public const string Paused = "paused";

    public const string Finished = "finished";

    public const string Failed = "failed";
}
