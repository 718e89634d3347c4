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
/// "Pause" and "Resume" post with the anti-forgery token and go through <see cref="CampaignDefinitions"/>, as the admin
/// API does.
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
        var start = await CampaignDefinitions.RunNowAsync(store, scheduler, Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (start.IsPaused)
        {
            return RedirectToPage("/Campaign", new { id = Id }); // the page says it is paused and offers Resume
        }

        return start.Run is { } run ? RedirectToPage("/Campaign", new { id = Id, started = run.RunId }) : NotFound();
    }

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => SetPausedAsync(true, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => SetPausedAsync(false, cancellationToken);

    private async Task<IActionResult> SetPausedAsync(bool paused, CancellationToken cancellationToken) =>
        await CampaignDefinitions.SetPausedAsync(store, scheduler, Id, paused, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is null
            ? NotFound()
            : RedirectToPage("/Campaign", new { id = Id });
}
