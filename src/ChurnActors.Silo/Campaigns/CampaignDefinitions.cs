using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Storage.Audiences;
using ChurnActors.Storage.Campaigns;

namespace ChurnActors.Silo.Campaigns;

/// <summary>
/// Reading and creating campaigns the same way for the admin API and the console: one check of a definition (the
/// reader, the audience filter, the path id and the webhook endpoint), and one creation (store, schedule, first run).
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
}
