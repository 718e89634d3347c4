using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Silo.Campaigns;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Storage.Campaigns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/campaigns</c>: create, update, list and read campaigns, pause and resume them, run one now, follow a
/// run's progress and read the results. Admin keys only. A definition is checked as a whole: a refused one is a 400
/// listing every problem with its JSON path. Runs need PostgreSQL (the score projection): in the in-memory mode a run
/// fails and says so.
/// </summary>
public static class CampaignsAdminApi
{
    /// <summary>The largest campaign definition accepted.</summary>
    public const int MaxDefinitionBytes = 256 * 1024;

    private const string BodySummary =
        "Body: a campaign definition, the JSON of docs/campaigns.md: id, name, audience (a filter over the score projection), " +
        "action (webhook or offer, as a playbook step's), channel, priority, holdout (0-0.5, default 0.1), outcome " +
        "{goalEvent, windowDays} and schedule {\"type\":\"now\"}, {\"type\":\"at\",\"at\":ISO time} or {\"type\":\"cron\",\"cron\":..., \"timeZone\": IANA id}. " +
        "400 lists every problem with its JSON path.";

    public static IEndpointRouteBuilder MapCampaignsAdminApi(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/v1/admin/campaigns").RequireAdminKey().WithTags("Campaigns");
        campaigns.MapGet("/", ListAsync);
        campaigns.MapPost("/", CreateAsync)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .WithSummary(BodySummary + " 201 with the campaign; a campaign scheduled now has its first run queued. 409 when the id is taken (PUT updates).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        campaigns.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The campaign with its definition, its recurring job id (cron), its next fire times and its latest runs.");
        campaigns.MapPut("/{id}", UpdateAsync)
            .Accepts<System.Text.Json.JsonElement>("application/json")
            .WithSummary(BodySummary + " Replaces the definition (the next version) and registers the schedule again; runs already made keep theirs.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        campaigns.MapPost("/{id}/pause", PauseAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stops the campaign: its recurring job is removed, a scheduled fire does nothing, and runs in progress stop before their next page of members (status paused).");
        campaigns.MapPost("/{id}/resume", ResumeAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lets the campaign fire again: its recurring job is registered again, paused runs continue, and an 'at' time that passed while paused fires now (once).");
        campaigns.MapPost("/{id}/run", RunNowAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Starts a run now, whatever the schedule: 202 with the run; follow it at /v1/admin/campaigns/{id}/runs/{runId}. 409 when the campaign is paused.");
        campaigns.MapGet("/{id}/runs/{runId:long}", RunAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A run's status and progress while it works: members, treated, control, decided, sent, and members per decision.");
        campaigns.MapGet("/{id}/results", ResultsAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary(
                "Over all runs and per run: treated against control members (retained = the goal event within the outcome window after the run), " +
                "rate, revenue per member; lift with 95% interval and p-value, relative lift, incremental customers and revenue, CUPED-adjusted " +
                "revenue lift on the 90 days before the run. Members whose window has not ended and who have no goal yet are pending.");
        return app;
    }

    private static async Task<Ok<CampaignListResponse>> ListAsync(ICampaignStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var campaigns = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var responses = new List<CampaignResponse>(campaigns.Count);
        foreach (var campaign in campaigns)
        {
            responses.Add(campaign.ToResponse(await store.RunsAsync(campaign.Id, cancellationToken).ConfigureAwait(false), now));
        }

        return TypedResults.Ok(new CampaignListResponse(responses));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> GetAsync(
        string id, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } campaign
            ? TypedResults.Ok(campaign.ToResponse(await store.RunsAsync(id, cancellationToken).ConfigureAwait(false), time.GetUtcNow()))
            : NotFound(id);

    private static async Task<Results<Created<CampaignResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request,
        ICampaignStore store,
        CampaignScheduler scheduler,
        IOptionsMonitor<WebhookEndpointsOptions> endpoints,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (definition, problem) = await ReadAsync(request, now, endpoints.CurrentValue, null, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (await CampaignDefinitions.CreateAsync(store, scheduler, definition!, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return Problems.Conflict(
                "campaign-exists", "Campaign exists", $"There is a campaign '{definition!.Id}' already. PUT /v1/admin/campaigns/{definition.Id} updates it; choose another id for a new one.");
        }

        return TypedResults.Created(
            $"/v1/admin/campaigns/{campaign.Id}", campaign.ToResponse(await store.RunsAsync(campaign.Id, cancellationToken).ConfigureAwait(false), now));
    }

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> UpdateAsync(
        string id,
        HttpRequest request,
        ICampaignStore store,
        CampaignScheduler scheduler,
        IOptionsMonitor<WebhookEndpointsOptions> endpoints,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (definition, problem) = await ReadAsync(request, now, endpoints.CurrentValue, id, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (await CampaignDefinitions.UpdateAsync(store, scheduler, definition!, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(campaign.ToResponse(await store.RunsAsync(id, cancellationToken).ConfigureAwait(false), now));
    }

    private static Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> PauseAsync(
        string id, ICampaignStore store, CampaignScheduler scheduler, TimeProvider time, CancellationToken cancellationToken) =>
        SetPausedAsync(id, true, store, scheduler, time, cancellationToken);

    private static Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> ResumeAsync(
        string id, ICampaignStore store, CampaignScheduler scheduler, TimeProvider time, CancellationToken cancellationToken) =>
        SetPausedAsync(id, false, store, scheduler, time, cancellationToken);

    private static async Task<Results<Ok<CampaignResponse>, ProblemHttpResult>> SetPausedAsync(
        string id, bool paused, ICampaignStore store, CampaignScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await CampaignDefinitions.SetPausedAsync(store, scheduler, id, paused, now, cancellationToken).ConfigureAwait(false) is not { } campaign)
        {
            return NotFound(id);
        }

        return TypedResults.Ok(campaign.ToResponse(await store.RunsAsync(id, cancellationToken).ConfigureAwait(false), now));
    }

    private static async Task<Results<Accepted<CampaignRunResponse>, ProblemHttpResult>> RunNowAsync(
        string id, ICampaignStore store, CampaignScheduler scheduler, TimeProvider time, CancellationToken cancellationToken)
    {
        var start = await CampaignDefinitions.RunNowAsync(store, scheduler, id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (start.IsPaused)
        {
            return Problems.Conflict(
                "campaign-paused", "Campaign paused", $"Campaign '{id}' is paused and contacts no one. POST /v1/admin/campaigns/{id}/resume first, then run it.");
        }

        if (start.Run is not { } run)
        {
            return NotFound(id);
        }

        return TypedResults.Accepted($"/v1/admin/campaigns/{id}/runs/{run.RunId}", run.ToResponse(null));
    }

    private static async Task<Results<Ok<CampaignRunResponse>, ProblemHttpResult>> RunAsync(
        string id, long runId, ICampaignStore store, CancellationToken cancellationToken)
    {
        var run = await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null || run.CampaignId != id)
        {
            return Problems.NotFound($"Campaign '{id}' has no run {runId}. GET /v1/admin/campaigns/{id} lists its latest runs.");
        }

        return TypedResults.Ok(run.ToResponse(await store.ProgressAsync(runId, cancellationToken).ConfigureAwait(false)));
    }

    private static async Task<Results<Ok<CampaignResultsResponse>, ProblemHttpResult>> ResultsAsync(
        string id, ICampaignStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } campaign
            ? TypedResults.Ok(await CampaignResults.ReadAsync(store, campaign, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            : NotFound(id);

    /// <summary>The body read and checked: the definition, or the problem to answer (too large, or every problem found).</summary>
    private static async Task<(CampaignDefinition? Definition, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, DateTimeOffset now, WebhookEndpointsOptions endpoints, string? pathId, CancellationToken cancellationToken)
    {
        if (await RequestText.ReadAsync(request, MaxDefinitionBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return (null, Problems.TooLarge($"A campaign definition may be at most {MaxDefinitionBytes / 1024} KiB."));
        }

        var read = CampaignDefinitions.Read(body, now, endpoints, pathId);
        return read.Problems.Count > 0 ? (null, Problems.InvalidDefinition("campaign", "saved", read.Problems)) : (read.Definition, null);
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"There is no campaign '{id}'. GET /v1/admin/campaigns lists them; POST /v1/admin/campaigns creates one.");
}
