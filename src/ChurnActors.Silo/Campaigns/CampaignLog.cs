namespace ChurnActors.Silo.Campaigns;

/// <summary>Campaign logs: event ids 6301-6399.</summary>
internal static partial class CampaignLog
{
    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId}: {Members} members in the snapshot")]
    public static partial void Snapshot(ILogger logger, string campaignId, long runId, int members);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId} is {Status}: {Decided} of {Members} members decided, {Sent} sent")]
    public static partial void RunEnded(ILogger logger, string campaignId, long runId, string status, long decided, long members, long sent);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "Campaign {CampaignId} run {RunId}: member {CustomerKey} could not be decided; it is tried again with the next job of the run")]
    public static partial void MemberFailed(ILogger logger, string campaignId, long runId, string customerKey, Exception exception);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Information, Message = "Campaign {CampaignId}: fire {FireKey} skipped ({Why})")]
    public static partial void FireSkipped(ILogger logger, string campaignId, string fireKey, string why);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Debug, Message = "Campaign run {RunId} is worked on by another job; this one stops")]
    public static partial void RunBusy(ILogger logger, long runId);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId}: the slice of {Slice} ended; a new job continues the run")]
    public static partial void RunContinued(ILogger logger, string campaignId, long runId, TimeSpan slice);

    [LoggerMessage(EventId = 6307, Level = LogLevel.Information, Message = "Campaign {CampaignId} run {RunId} stopped: the campaign is paused; resuming it continues the run")]
    public static partial void RunPaused(ILogger logger, string campaignId, long runId);
}
