using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Storage.Audiences;
using ChurnActors.Storage.Campaigns;

namespace ChurnActors.Silo.Campaigns;

/// <summary>
/// Reading and changing campaigns the same way for the admin API and the console: one check of a definition (the
/// reader, the audience filter, the path id and the webhook endpoint), one creation (store, schedule, first run), one
/// update, pause and resume, and one "run now".
/// </summary>
public static class CampaignDefinitions
{
    /// <summary>Reads and checks a definition; every problem is listed with its JSON path.</summary>
    public static CampaignReadResult Read(string body, DateTimeOffset now, WebhookEndpointsOptions endpoints, string? pathId)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var read = CampaignReader.Read(
            body, now, filter => AudienceReader.Read(filter).Problems.Select(p => new PlaybookProblem(p.Path, p.Message)));
        var problems = read.Problems.ToList();
        if (read.Definition is { } definition)
        {
            if (pathId is not null && definition.Id != pathId)
            {
                problems.Add(new PlaybookProblem("id", $"'{definition.Id}' differs from the id in the path ('{pathId}'); PUT a campaign to /v1/admin/campaigns/{definition.Id}"));
            }

            if (!endpoints.Endpoints.ContainsKey(definition.Action.Endpoint))
            {
                var known = endpoints.Endpoints.Keys.Order(StringComparer.Ordinal).ToList();
                problems.Add(new PlaybookProblem(
                    "action.endpoint",
                    $"no webhook endpoint named '{definition.Action.Endpoint}' on this engine ({(known.Count == 0 ? "none is configured yet" : "configured: " + string.Join(", ", known))}): " +
                    $"set {WebhookEndpointsOptions.SectionName}:{definition.Action.Endpoint}:Url and :Secret, or name a configured endpoint"));
            }
        }

        return problems.Count == 0 ? read : new CampaignReadResult(null, problems);
    }

    /// <summary>
    /// Stores a new campaign, registers its schedule and, for a campaign scheduled now, queues its first run. Null when
    /// the id is taken.
    /// </summary>
    public static async Task<StoredCampaign?> CreateAsync(
        ICampaignStore store, CampaignScheduler scheduler, CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(definition);
        if (await store.CreateAsync(definition, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return null;
        }

        scheduler.Register(campaign);
        if (definition.Schedule.Type == CampaignScheduleType.Now)
        {
            var run = await store.GetOrCreateRunAsync(campaign.Id, CampaignKeys.Manual(Guid.NewGuid().ToString("N")), now, cancellationToken).ConfigureAwait(false);
            scheduler.Enqueue(run!.RunId);
        }

        return campaign;
    }

    /// <summary>
    /// Stores the next version of a campaign and registers its schedule again; runs already made keep the definition
    /// they started with. Null when there is no such campaign.
    /// </summary>
    public static async Task<StoredCampaign?> UpdateAsync(
        ICampaignStore store, CampaignScheduler scheduler, CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(definition);
        if (await store.UpdateAsync(definition, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return null;
        }

        scheduler.Register(campaign);
        return campaign;
    }

    /// <summary>
    /// Pauses or resumes a campaign and registers its schedule again. Pausing stops its open runs before their next
    /// page of members. Resuming continues every run paused that way and fires a campaign scheduled <c>at</c> a time
    /// that passed while it was paused (once: a fire time has one run). Null when there is no such campaign.
    /// </summary>
    public static async Task<StoredCampaign?> SetPausedAsync(
        ICampaignStore store, CampaignScheduler scheduler, string id, bool paused, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (await store.SetPausedAsync(id, paused, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return null;
        }

        scheduler.Register(campaign);
        if (!paused)
        {
            foreach (var run in await store.RunsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                if (run.Status == CampaignRunStatus.Paused)
                {
                    scheduler.Enqueue(run.RunId);
                }
            }
        }

        return campaign;
    }

    /// <summary>
    /// Starts a run of the campaign now ("run now"): the run, queued; or <see cref="CampaignRunStart.Paused"/> for a
    /// paused campaign, which contacts no one until it is resumed; or <see cref="CampaignRunStart.NotFound"/>.
    /// </summary>
    public static async Task<CampaignRunStart> RunNowAsync(
        ICampaignStore store, CampaignScheduler scheduler, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scheduler);
        var campaign = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return CampaignRunStart.NotFound;
        }

        if (campaign.Paused)
        {
            return CampaignRunStart.Paused;
        }

        var run = await store.GetOrCreateRunAsync(id, CampaignKeys.Manual(Guid.NewGuid().ToString("N")), now, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return CampaignRunStart.NotFound;
        }

        scheduler.Enqueue(run.RunId);
        return new CampaignRunStart(run);
    }
}
