using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Silo.Campaigns;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Storage.Audiences;
using ChurnActors.Storage.Campaigns;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// A new campaign from a form: the audience filter as JSON and the rest as fields. "Dry run" evaluates the audience
/// (count, per band, sample members) without saving; "Save" builds the campaign's JSON, checks it with the reader the
/// admin API uses and creates it through the same store and scheduler, or lists the reader's problems by the form.
/// </summary>
public sealed class NewCampaignModel(
    ICampaignStore store,
    CampaignScheduler scheduler,
    IOptionsMonitor<WebhookEndpointsOptions> endpoints,
    IServiceProvider services,
    TimeProvider time) : PageModel
{
    /// <summary>The audience a new form starts with.</summary>
    public const string DefaultAudience = """{ "all": [ { "field": "band", "op": "eq", "value": "high" } ] }""";

    [BindProperty]
    public string CampaignId { get; set; } = "";

    [BindProperty]
    public string Name { get; set; } = "";

    [BindProperty]
    public string Audience { get; set; } = DefaultAudience;

    [BindProperty]
    public string ActionType { get; set; } = "webhook";

    [BindProperty]
    public string Endpoint { get; set; } = "";

    [BindProperty]
    public string Channel { get; set; } = PlaybookStep.DefaultChannel;

    [BindProperty]
    public string Holdout { get; set; } = CampaignDefinition.DefaultHoldout.ToString(CultureInfo.InvariantCulture);

    [BindProperty]
    public string GoalEvent { get; set; } = PlaybookExit.DefaultGoalEvent;

    [BindProperty]
    public string WindowDays { get; set; } = CampaignOutcome.DefaultWindowDays.ToString(CultureInfo.InvariantCulture);

    [BindProperty]
    public string ScheduleType { get; set; } = "now";

    [BindProperty]
    public string? At { get; set; }

    [BindProperty]
    public string? Cron { get; set; }

    [BindProperty]
    public string TimeZone { get; set; } = CampaignSchedule.DefaultTimeZone;

    public IReadOnlyList<PlaybookProblem> Problems { get; private set; } = [];

    public AudiencePreviewResponse? Preview { get; private set; }

    public IReadOnlyList<string> ConfiguredEndpoints => [.. endpoints.CurrentValue.Endpoints.Keys.Order(StringComparer.Ordinal)];

    public void OnGet()
    {
        if (ConfiguredEndpoints.Count > 0)
        {
            Endpoint = ConfiguredEndpoints[0];
        }
    }

    public async Task OnPostDryRunAsync(CancellationToken cancellationToken)
    {
        var read = AudienceReader.Read(Audience);
        if (read.Filter is not { } filter)
        {
            Problems = [.. read.Problems.Select(p => new PlaybookProblem(Prefixed(p.Path), p.Message))];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (services.GetService<AudienceStore>() is not { } audiences)
        {
            Problems = [new PlaybookProblem("audience", "a dry run needs the score projection in PostgreSQL; set ConnectionStrings:ChurnActors")];
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        Preview = await audiences.PreviewAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (Definition() is not { } body)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var read = CampaignDefinitions.Read(body, now, endpoints.CurrentValue, null);
        if (read.Definition is not { } definition)
        {
            Problems = read.Problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (await CampaignDefinitions.CreateAsync(store, scheduler, definition, now, cancellationToken).ConfigureAwait(false) is null)
        {
            Problems = [new PlaybookProblem("id", $"there is a campaign '{definition.Id}' already; choose another id")];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Campaign", new { id = definition.Id });
    }

    private static string Prefixed(string path) => string.IsNullOrEmpty(path) || path == "$" ? "audience" : "audience." + path.TrimStart('$', '.');

    /// <summary>The campaign's JSON from the form, or null (with <see cref="Problems"/> set) when a field cannot go into it.</summary>
    private string? Definition()
    {
        var problems = new List<PlaybookProblem>();
        JsonNode? audience = null;
        try
        {
            audience = JsonNode.Parse(Audience);
        }
        catch (JsonException e)
        {
            problems.Add(new PlaybookProblem("audience", $"is not JSON ({e.Message}); write a filter such as {DefaultAudience}"));
        }

        JsonNode Number(string field, string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return JsonValue.Create(value);
            }

            problems.Add(new PlaybookProblem(field, $"'{text}' is not a number"));
            return JsonValue.Create(0);
        }

        var schedule = new JsonObject { ["type"] = ScheduleType };
        switch (ScheduleType)
        {
            case "at":
                schedule["at"] = At;
                break;
            case "cron":
                schedule["cron"] = Cron;
                schedule["timeZone"] = TimeZone;
                break;
        }

        var json = new JsonObject
        {
            ["id"] = CampaignId,
            ["name"] = Name,
            ["audience"] = audience,
            ["action"] = new JsonObject { ["type"] = ActionType, ["endpoint"] = Endpoint },
            ["channel"] = Channel,
            ["holdout"] = Number("holdout", Holdout),
            ["outcome"] = new JsonObject { ["goalEvent"] = GoalEvent, ["windowDays"] = Number("outcome.windowDays", WindowDays) },
            ["schedule"] = schedule,
        };
        Problems = problems;
        return problems.Count == 0 ? json.ToJsonString() : null;
    }
}
