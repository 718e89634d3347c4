using ChurnActors.Retention.Campaigns;
using ChurnActors.Storage.Campaigns;
using Hangfire;

namespace ChurnActors.Silo.Campaigns;

/// <summary>
/// Puts campaigns on Hangfire: a cron campaign is a recurring job <c>campaign:&lt;id&gt;</c> with its time zone (listed and
/// triggerable in the dashboard), an <c>at</c> campaign a scheduled job, and a run started now an enqueued job. Pausing
/// removes the recurring job; resuming and updating register it again. A scheduled <c>at</c> job checks the campaign
/// when it fires and does nothing if the campaign is paused or its time changed; registering an <c>at</c> campaign whose
/// time has passed fires it at once, which runs it only if that time has no run yet.
/// </summary>
public sealed class CampaignScheduler(IBackgroundJobClient jobs, IRecurringJobManager recurring, TimeProvider time)
{
    /// <summary>The recurring job id of a cron campaign.</summary>
    public static string RecurringJobId(string campaignId) => "campaign:" + campaignId;

    /// <summary>Registers (or removes) the campaign's jobs after it was created, updated, paused or resumed.</summary>
    public void Register(StoredCampaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var id = campaign.Id;
        var schedule = campaign.Definition.Schedule;
        if (campaign.Paused || schedule.Type != CampaignScheduleType.Cron)
        {
            recurring.RemoveIfExists(RecurringJobId(id));
        }
        else
        {
            recurring.AddOrUpdate<CampaignRunJob>(
                RecurringJobId(id),
                j => j.FireRecurringAsync(id, null, CancellationToken.None),
                schedule.Cron!,
                new RecurringJobOptions { TimeZone = schedule.Zone() });
        }

        if (!campaign.Paused && schedule is { Type: CampaignScheduleType.At, At: { } at })
        {
            // A time already passed (the campaign was paused when it came) fires now; the fire is keyed by its time,
            // so a campaign that has had it finds its run and contacts no one twice.
            if (at > time.GetUtcNow())
            {
                jobs.Schedule<CampaignRunJob>(j => j.FireAtAsync(id, at, CancellationToken.None), at);
            }
            else
            {
                jobs.Enqueue<CampaignRunJob>(j => j.FireAtAsync(id, at, CancellationToken.None));
            }
        }
    }

    /// <summary>Enqueues the job that works a run.</summary>
    public string Enqueue(long runId) => jobs.Enqueue<CampaignRunJob>(j => j.ContinueAsync(runId, CancellationToken.None));
}
