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
/// A campaign from a form, new or (with <c>?edit=&lt;id&gt;</c>) the next version of an existing one: the audience filter
/// and the action's extra payload fields as JSON, the rest (the coupon of an offer among them) as fields. "Dry run"
/// evaluates the audience (count, per band, sample members) without saving; "Save" builds the campaign's JSON, checks
/// it with the reader the admin API uses and creates or updates it through <see cref="CampaignDefinitions"/>, or lists
/// the reader's problems by the form.
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

    /// <summary>The form edits the campaign <see cref="CampaignId"/> (its id cannot change) instead of creating one.</summary>
    [BindProperty]
    public bool Editing { get; set; }

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

    /// <summary>Extra fields of the action's payload (a JSON object, sent under <c>data</c>); empty for none.</summary>
    [BindProperty]
    public string Payload { get; set; } = "";

    [BindProperty]
    public string? CouponAmount { get; set; }

    [BindProperty]
    public string? CouponShareOfClv { get; set; }

    [BindProperty]
    public string? CouponCap { get; set; }

    [BindProperty]
    public string? CouponCurrency { get; set; }

    [BindProperty]
    public string Channel { get; set; } = PlaybookStep.DefaultChannel;

    [BindProperty]
    public string Priority { get; set; } = "0";

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

    /// <summary>True when <c>?edit=</c> named a campaign that does not exist.</summary>
    public bool Missing { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "edit")] string? edit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(edit))
        {
            if (ConfiguredEndpoints.Count > 0)
            {
                Endpoint = ConfiguredEndpoints[0];
            }

            return;
        }

        if (await store.GetAsync(edit, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            Missing = true;
            CampaignId = edit;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Fill(campaign.Definition);
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

        if (Editing)
        {
            if (await CampaignDefinitions.UpdateAsync(store, scheduler, definition, now, cancellationToken).ConfigureAwait(false) is null)
            {
                Problems = [new PlaybookProblem("id", $"there is no campaign '{definition.Id}' to update")];
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            }
        }
        else if (await CampaignDefinitions.CreateAsync(store, scheduler, definition, now, cancellationToken).ConfigureAwait(false) is null)
        {
            Problems = [new PlaybookProblem("id", $"there is a campaign '{definition.Id}' already; choose another id, or edit it from its page")];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return RedirectToPage("/Campaign", new { id = definition.Id });
    }

    /// <summary>The form's fields from a stored definition.</summary>
    private void Fill(CampaignDefinition definition)
    {
        Editing = true;
        CampaignId = definition.Id;
        Name = definition.Name;
        Audience = definition.Audience.GetRawText();
        var action = definition.Action;
        ActionType = action.Type == PlaybookActionType.Offer ? "offer" : "webhook";
        Endpoint = action.Endpoint;
        Payload = action.Payload.Count == 0 ? "" : JsonSerializer.Serialize(action.Payload);
        CouponAmount = Invariant(action.Coupon?.Amount);
        CouponShareOfClv = Invariant(action.Coupon?.ShareOfClv);
        CouponCap = Invariant(action.Coupon?.Cap);
        CouponCurrency = action.Coupon?.Currency;
        Channel = definition.Channel;
        Priority = definition.Priority.ToString(CultureInfo.InvariantCulture);
        Holdout = definition.Holdout.ToString(CultureInfo.InvariantCulture);
        GoalEvent = definition.Outcome.GoalEvent;
        WindowDays = definition.Outcome.WindowDays.ToString(CultureInfo.InvariantCulture);
        var schedule = definition.Schedule;
        ScheduleType = schedule.Type switch
        {
            CampaignScheduleType.At => "at",
            CampaignScheduleType.Cron => "cron",
            _ => "now",
        };
        At = schedule.At?.ToString("O", CultureInfo.InvariantCulture);
        Cron = schedule.Cron;
        TimeZone = schedule.TimeZone ?? CampaignSchedule.DefaultTimeZone;
    }

    private static string? Invariant(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture);

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

        var action = new JsonObject { ["type"] = ActionType, ["endpoint"] = Endpoint };
        if (!string.IsNullOrWhiteSpace(Payload))
        {
            try
            {
                action["payload"] = JsonNode.Parse(Payload);
            }
            catch (JsonException e)
            {
                problems.Add(new PlaybookProblem("action.payload", $"is not JSON ({e.Message}); write an object such as {{ \"template\": \"winback\" }}"));
            }
        }

        // Only the coupon fields given go in: the reader says what an offer lacks, or that a webhook carries no coupon.
        var coupon = new JsonObject();
        if (!string.IsNullOrWhiteSpace(CouponAmount))
        {
            coupon["amount"] = Number("action.coupon.amount", CouponAmount);
        }

        if (!string.IsNullOrWhiteSpace(CouponShareOfClv))
        {
            coupon["shareOfClv"] = Number("action.coupon.shareOfClv", CouponShareOfClv);
        }

        if (!string.IsNullOrWhiteSpace(CouponCap))
        {
            coupon["cap"] = Number("action.coupon.cap", CouponCap);
        }

        if (!string.IsNullOrWhiteSpace(CouponCurrency))
        {
            coupon["currency"] = CouponCurrency.Trim();
        }

        if (coupon.Count > 0 || ActionType == "offer")
        {
            action["coupon"] = coupon;
        }

        var json = new JsonObject
        {
            ["id"] = CampaignId,
            ["name"] = Name,
            ["audience"] = audience,
            ["action"] = action,
            ["channel"] = Channel,
            ["priority"] = Number("priority", Priority),
            ["holdout"] = Number("holdout", Holdout),
            ["outcome"] = new JsonObject { ["goalEvent"] = GoalEvent, ["windowDays"] = Number("outcome.windowDays", WindowDays) },
            ["schedule"] = schedule,
        };
        Problems = problems;
        return problems.Count == 0 ? json.ToJsonString() : null;
    }
}
