using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ChurnActors.Abstractions;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Control;
using ChurnActors.Storage.Audiences;
using ChurnActors.Storage.Campaigns;
using ChurnActors.Storage.Retention;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Campaigns;

/// <summary>
/// Works a campaign run: snapshots the audience's members with their arms (global control group and the campaign's
/// holdout, from <see cref="ControlGroups"/>) in one transaction, then hands every member still to be decided to its
/// customer's grain (<see cref="IUserGrain.ContactAsync"/>), a page at a time with bounded parallelism, and records
/// the decisions. Only one job works a run at a time (the store's run lock); a job that runs again continues
/// where the run stands. Members deferred by quiet hours are decided again by a job scheduled for when they are due.
/// A run whose campaign is paused stops before its next page and is marked paused; resuming the campaign continues it.
/// </summary>
public sealed class CampaignRunner(
    ICampaignStore store,
    IGrainFactory grains,
    IBackgroundJobClient jobs,
    IOptions<CampaignOptions> options,
    IOptions<ControlGroupOptions> control,
    TimeProvider time,
    ILogger<CampaignRunner> logger)
{
    private readonly ControlGroups _groups = new(control.Value);

    /// <summary>Works the run until it is decided, waiting for deferred members, or out of this job's slice of time.</summary>
    public async Task RunAsync(long runId, CancellationToken cancellationToken)
    {
        var held = await store.TryLockRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            CampaignLog.RunBusy(logger, runId);
            return;
        }

        await using (held.ConfigureAwait(false))
        {
            await WorkAsync(runId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(long runId, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null || run.Status is CampaignRunStatus.Finished or CampaignRunStatus.Failed)
        {
            return;
        }

        var settings = options.Value;
        var started = time.GetUtcNow();
        var definition = run.Definition;
        if (run.SnapshotAt is null)
        {
            var audience = AudienceReader.Read(definition.Audience);
            if (audience.Filter is null)
            {
                var error = "the audience filter is not valid any more: " + string.Join("; ", audience.Problems);
                await store.SetRunStatusAsync(runId, CampaignRunStatus.Failed, started, error, cancellationToken).ConfigureAwait(false);
                return;
            }

            int members;
            try
            {
                members = await store.SnapshotAsync(
                    runId, audience.Filter, key => _groups.Assign(key, run.CampaignId, definition.Holdout), started, cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException ex)
            {
                await store.SetRunStatusAsync(runId, CampaignRunStatus.Failed, started, ex.Message, cancellationToken).ConfigureAwait(false);
                return;
            }

            CampaignLog.Snapshot(logger, run.CampaignId, runId, members);
            run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) ?? run;
        }

        if (run.Status is CampaignRunStatus.Paused or CampaignRunStatus.Waiting)
        {
            await store.SetRunStatusAsync(runId, CampaignRunStatus.Running, null, null, cancellationToken).ConfigureAwait(false);
        }

        var contact = Contact(run);
        var after = string.Empty;
        var failed = 0;
        while (true)
        {
            // Checked before every page: pausing the campaign stops its open runs within one page of members.
            if (await IsPausedAsync(run.CampaignId, cancellationToken).ConfigureAwait(false))
            {
                await store.SetRunStatusAsync(runId, CampaignRunStatus.Paused, null, null, cancellationToken).ConfigureAwait(false);
                CampaignLog.RunPaused(logger, run.CampaignId, runId);
                return;
            }

            if (time.GetUtcNow() - started > settings.SliceTime)
            {
                jobs.Enqueue<CampaignRunJob>(j => j.ContinueAsync(runId, CancellationToken.None));
                CampaignLog.RunContinued(logger, run.CampaignId, runId, settings.SliceTime);
                return;
            }

            var page = await store.OpenMembersAsync(runId, time.GetUtcNow(), after, settings.PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var decisions = new ConcurrentBag<CampaignMemberDecision>();
            await Parallel.ForEachAsync(
                page,
                new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
                async (member, _) =>
                {
                    var key = CampaignKeys.Action(runId, member.CustomerKey);
                    try
                    {
                        var result = await grains.GetGrain<IUserGrain>(member.CustomerKey).ContactAsync(contact with
                        {
                            IdempotencyKey = key,
                            ControlReason = member.Arm == ControlArm.Control ? RetentionNames.Of(member.ControlReason) : null,
                        }).ConfigureAwait(false);
                        decisions.Add(new CampaignMemberDecision(
                            member.CustomerKey, result.Decision, result.Reason, result.Decision == "sent" ? key : null, result.DecidedAt, result.DeferredUntil));
                    }
#pragma warning disable CA1031 // The member stays undecided; the run's job fails at the end and Hangfire retries it.
                    catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                    {
                        Interlocked.Increment(ref failed);
                        CampaignLog.MemberFailed(logger, run.CampaignId, runId, member.CustomerKey, ex);
                    }
                }).ConfigureAwait(false);
            await store.RecordDecisionsAsync(runId, [.. decisions], cancellationToken).ConfigureAwait(false);
            after = page[^1].CustomerKey;
        }

        if (failed > 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{failed} members of campaign run {runId} could not be decided; the job is retried and decides only the members still open."));
        }

        var progress = await store.ProgressAsync(runId, cancellationToken).ConfigureAwait(false);
        string status;
        if (await store.NextDeferralAsync(runId, cancellationToken).ConfigureAwait(false) is { } due)
        {
            status = CampaignRunStatus.Waiting;
            await store.SetRunStatusAsync(runId, status, null, null, cancellationToken).ConfigureAwait(false);
            jobs.Schedule<CampaignRunJob>(j => j.ContinueAsync(runId, CancellationToken.None), due);
        }
        else
        {
            status = CampaignRunStatus.Finished;
            await store.SetRunStatusAsync(runId, status, time.GetUtcNow(), null, cancellationToken).ConfigureAwait(false);
        }

        CampaignLog.RunEnded(logger, run.CampaignId, runId, status, progress.Decided, progress.Members, progress.Sent);
    }

    private async Task<bool> IsPausedAsync(string campaignId, CancellationToken cancellationToken) =>
        await store.GetAsync(campaignId, cancellationToken).ConfigureAwait(false) is { Paused: true };

    /// <summary>The contact every member of the run gets, but for its key and arm.</summary>
    private static CampaignContact Contact(CampaignRun run)
    {
        var definition = run.Definition;
        var action = definition.Action;
        var coupon = action.Coupon;
        return new CampaignContact
        {
            CampaignId = run.CampaignId,
            RunId = run.RunId,
            RunStartedAt = run.SnapshotAt ?? run.CreatedAt,
            IdempotencyKey = string.Empty,
            Channel = definition.Channel,
            Priority = definition.Priority,
            Endpoint = action.Endpoint,
            DataJson = action.Payload.Count > 0 ? JsonSerializer.Serialize(action.Payload) : null,
            CouponAmount = coupon?.Amount,
            CouponShareOfClv = coupon?.ShareOfClv,
            CouponCap = coupon?.Cap,
            CouponCurrency = coupon?.Currency,
        };
    }
}
