using ChurnActors.Silo.Campaigns;
using ChurnActors.Storage.Campaigns;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>Every campaign with its schedule, next fire times, state and latest run.</summary>
public sealed class CampaignsModel(ICampaignStore store, TimeProvider time) : PageModel
{
    public IReadOnlyList<CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var campaigns = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<CampaignRow>(campaigns.Count);
        foreach (var campaign in campaigns)
        {
            var runs = await store.RunsAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
            rows.Add(new CampaignRow(
                campaign,
                campaign.Paused ? [] : campaign.Definition.Schedule.NextFireTimes(now, CampaignResponses.NextFireTimesShown),
                runs.Count > 0 ? runs[0] : null));
        }

        Campaigns = rows;
    }
}
