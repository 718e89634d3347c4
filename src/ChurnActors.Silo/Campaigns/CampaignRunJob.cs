using ChurnActors.Retention.Campaigns;
using ChurnActors.Storage.Campaigns;
using Hangfire.Server;

namespace ChurnActors.Silo.Campaigns;

/// <summary>
/// The Hangfire jobs of campaigns: a fire of a scheduled (<c>at</c>) or recurring (<c>cron</c>) campaign creates its
/// run (or finds the one a previous attempt created: one run per campaign and fire time) and works it; a run's own job
/// continues it.
/// </summary>
public sealed class CampaignRunJob(ICampaignStore store, CampaignRunner runner, TimeProvider time, ILogger<CampaignRunJob> logger)
{
    /// <summary>Works the run (started by "run now", continued after a slice, or decided again after quiet hours).</summary>
    public Task ContinueAsync(long runId, CancellationToken cancellationToken) => runner.RunAsync(runId, cancellationToken);

    /// <summary>The fire of a campaign scheduled at <paramref name="at"/>; nothing when the campaign changed its time or is paused.</summary>
    public async Task FireAtAsync(string campaignId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var fireKey = CampaignKeys.Fire("at", at);
        var campaign = await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null || campaign.Paused || campaign.Definition.Schedule is not { Type: CampaignScheduleType.At } schedule || schedule.At != at)
        {
            CampaignLog.FireSkipped(logger, campaignId, fireKey, campaign is null ? "no such campaign" : campaign.Paused ? "paused" : "its schedule changed");
            return;
        }

        await FireAsync(campaignId, fireKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A fire of a recurring campaign. The fire time is the one Hangfire's recurring job scheduler gives the job (its
    /// <c>Time</c> parameter); a job triggered without one (from the dashboard) is its own fire.
    /// </summary>
    public async Task FireRecurringAsync(string campaignId, PerformContext? context, CancellationToken cancellationToken)
    {
        var fireKey = context?.GetJobParameter<long?>("Time") is long seconds
            ? CampaignKeys.Fire("cron", DateTimeOffset.FromUnixTimeSeconds(seconds))
            : "job:" + (context?.BackgroundJob.Id ?? Guid.NewGuid().ToString("N"));
        var campaign = await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null || campaign.Paused)
        {
            CampaignLog.FireSkipped(logger, campaignId, fireKey, campaign is null ? "no such campaign" : "paused");
            return;
        }

        await FireAsync(campaignId, fireKey, cancellationToken).ConfigureAwait(false);
    }

    private async Task FireAsync(string campaignId, string fireKey, CancellationToken cancellationToken)
    {
        var run = await store.GetOrCreateRunAsync(campaignId, fireKey, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (run is not null)
        {
            await runner.RunAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        }
    }
}
