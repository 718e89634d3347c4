using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Storage.Campaigns;

namespace ChurnActors.Silo.Campaigns;

/// <summary>Stored campaigns and runs as the admin API's records.</summary>
public static class CampaignResponses
{
    /// <summary>How many next fire times a campaign shows.</summary>
    public const int NextFireTimesShown = 5;

    /// <summary>How many runs a campaign shows.</summary>
    public const int RunsShown = 20;

    public static CampaignResponse ToResponse(this StoredCampaign campaign, IEnumerable<CampaignRun> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var schedule = campaign.Definition.Schedule;
        return new CampaignResponse(
            campaign.Id,
            campaign.Definition.Name,
            campaign.Paused,
            campaign.Version,
            campaign.CreatedAt,
            campaign.UpdatedAt,
            CampaignJson.ToElement(campaign.Definition),
            !campaign.Paused && schedule.Type == CampaignScheduleType.Cron ? CampaignScheduler.RecurringJobId(campaign.Id) : null,
            campaign.Paused ? [] : schedule.NextFireTimes(now, NextFireTimesShown),
            [.. runs.Take(RunsShown).Select(r => r.ToResponse(null))]);
    }

    public static CampaignRunResponse ToResponse(this CampaignRun run, CampaignProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new CampaignRunResponse(
            run.RunId,
            run.CampaignId,
            run.FireKey,
            run.CampaignVersion,
            run.Status,
            run.CreatedAt,
            run.SnapshotAt,
            run.FinishedAt,
            run.Error,
            progress is null
                ? null
                : new CampaignProgressResponse(progress.Members, progress.Treated, progress.Control, progress.Decided, progress.Sent, progress.ByDecision));
    }
}
