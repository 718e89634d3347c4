using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Silo.Campaigns;
using ChurnActors.Storage.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// One campaign: its definition and schedule, its runs with their progress, and its results (GET
/// /v1/admin/campaigns/{id}/results) drawn as both arms' retention rates and the lift with its interval. "Run now",
/// "Pause" and "Resume" post with the anti-forgery token and go through the store and scheduler the admin API uses.
/// </summary>
public sealed class CampaignModel(ICampaignStore store, CampaignScheduler scheduler, TimeProvider time) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [FromQuery(Name = "started")]
    public long? Started { get; set; }

    public StoredCampaign? Campaign { get; private set; }

    public IReadOnlyList<DateTimeOffset> NextFireTimes { get; private set; } = [];

    public IReadOnlyList<(CampaignRun Run, CampaignProgress? Progress)> Runs { get; private set; } = [];

    public CampaignResultsResponse? Results { get; private set; }

    public string DefinitionJson =>
        Campaign is null ? "" : JsonSerializer.Serialize(CampaignJson.ToElement(Campaign.Definition), Indented);

    public string? RecurringJobId =>
        Campaign is { Paused: false } campaign && campaign.Definition.Schedule.Type == CampaignScheduleType.Cron
            ? CampaignScheduler.RecurringJobId(campaign.Id)
            : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Id) || await store.GetAsync(Id, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var now = time.GetUtcNow();
        Campaign = campaign;
        NextFireTimes = campaign.Paused ? [] : campaign.Definition.Schedule.NextFireTimes(now, CampaignResponses.NextFireTimesShown);
        var runs = new List<(CampaignRun, CampaignProgress?)>();
        foreach (var run in (await store.RunsAsync(campaign.Id, cancellationToken).ConfigureAwait(false)).Take(CampaignResponses.RunsShown))
        {
            runs.Add((run, run.SnapshotAt is null ? null : await store.ProgressAsync(run.RunId, cancellationToken).ConfigureAwait(false)));
        }

        Runs = runs;
        Results = await CampaignResults.ReadAsync(store, campaign, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostRunAsync(CancellationToken cancellationToken)
    {
        var run = await store.GetOrCreateRunAsync(Id, CampaignKeys.Manual(Guid.NewGuid().ToString("N")), time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        if (run is null)
        {
            return NotFound();
        }

        scheduler.Enqueue(run.RunId);
        return RedirectToPage("/Campaign", new { id = Id, started = run.RunId });
    }

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => SetPausedAsync(true, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => SetPausedAsync(false, cancellationToken);

    private async Task<IActionResult> SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        if (await store.SetPausedAsync(Id, paused, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return NotFound();
        }

        scheduler.Register(campaign);
        return RedirectToPage("/Campaign", new { id = Id });
    }
}
