using System.Globalization;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Grains.Retention;
using ChurnActors.Silo.Retention.Delivery;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/v1/admin/playbooks</c>: apply a playbook definition (create, or a new version when it changed), list, read one
/// with its version history, read its results per version, disable, delete. Admin keys only. A definition is checked as a whole: a refused one is a
/// 400 listing every problem with its JSON path. Deleting hides the playbook and turns it off; its versions and
/// episodes stay, so results remain readable, and applying the id again brings it back with the next version.
/// </summary>
public static class PlaybooksAdminApi
{
    /// <summary>The largest playbook definition accepted.</summary>
    public const int MaxDefinitionBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapPlaybooksAdminApi(this IEndpointRouteBuilder app)
    {
        var playbooks = app.MapGroup("/v1/admin/playbooks").RequireAdminKey().WithTags("Playbooks");
        playbooks.MapGet("/", ListAsync);
        playbooks.MapGet("/{id}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        playbooks.MapPut("/{id}", ApplyAsync)
            // The body is read and checked by PlaybookReader (every problem at its JSON path), not bound by the framework.
            .Accepts<JsonElement>("application/json")
            .WithSummary(
                "Body: a playbook definition, the JSON file format of docs/retention.md (docs/examples/winback-playbook.json). " +
                "201 when the playbook is new, 200 with a new version when the definition changed, 200 unchanged when it is " +
                "the same; 400 lists every problem with its JSON path. The id in the path and in the body must agree.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        playbooks.MapGet("/{id}/results", ResultsAsync)
            .WithSummary(
                "Per version (every version, or ?version=N), the treated episodes against the control episodes (global control " +
                "group and holdout together, and split): customers retained within the outcome window, retention rate, revenue " +
                "per customer, pending episodes; the lift with its 95% interval and p-value, relative lift, incremental customers " +
                "and revenue, and the CUPED-adjusted revenue lift. Undefined figures are null, with a note saying why.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        playbooks.MapPost("/{id}/disable", DisableAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Turns the playbook off: no new episodes; running ones keep their version. PUT it with enabled true to turn it on.");
        playbooks.MapDelete("/{id}", DeleteAsync).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Turns the playbook off and hides it; its versions and episodes stay for results. PUT the id again to bring it back.");
        return app;
    }

    private static async Task<Ok<PlaybookListResponse>> ListAsync(IPlaybookStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(cancellationToken).ConfigureAwait(false)).ToListResponse());

    private static async Task<Results<Ok<PlaybookResponse>, ProblemHttpResult>> GetAsync(
        string id, IPlaybookStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } playbook
            ? TypedResults.Ok(playbook.ToResponse())
            : NotFound(id);

    private static async Task<Results<Created<PlaybookApplyResponse>, Ok<PlaybookApplyResponse>, ProblemHttpResult>> ApplyAsync(
        string id,
        HttpRequest request,
        IPlaybookStore store,
        ActivePlaybooks active,
        IOptionsMonitor<WebhookEndpointsOptions> endpoints,
        CancellationToken cancellationToken)
    {
        if (await RequestText.ReadAsync(request, MaxDefinitionBytes, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.TooLarge($"A playbook definition may be at most {MaxDefinitionBytes / 1024} KiB.");
        }

        var read = PlaybookReader.Read(body);
        var problems = read.Problems.ToList();
        if (read.Definition is { } parsed && parsed.Id != id)
        {
            problems.Add(new PlaybookProblem("id", $"'{parsed.Id}' differs from the id in the path ('{id}'); PUT a playbook to /v1/admin/playbooks/{parsed.Id}"));
        }

        if (read.Definition is { } definition)
        {
            problems.AddRange(UnknownEndpoints(definition, endpoints.CurrentValue));
        }

        if (problems.Count > 0)
        {
            return Problems.InvalidDefinition("playbook", "applied", problems);
        }

        var applied = await store.ApplyAsync(read.Definition!, cancellationToken).ConfigureAwait(false);
        await active.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var response = applied.ToResponse();
        return applied.Outcome == PlaybookApplyOutcome.Created
            ? TypedResults.Created($"/v1/admin/playbooks/{id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<PlaybookResultsResponse>, ProblemHttpResult>> ResultsAsync(
        string id, [FromQuery] string? version, IPlaybookStore store, IEpisodeStore episodes, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is not { } playbook)
        {
            return NotFound(id);
        }

        var versions = playbook.Versions;
        int? only = null;
        if (version is not null)
        {
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                return Problems.Malformed($"version '{version}' is not a version number; use a whole number from 1, e.g. ?version=1, or leave it out for every version.");
            }

            versions = [.. versions.Where(v => v.Version == number)];
            if (versions.Count == 0)
            {
                return Problems.Malformed(
                    $"Playbook '{id}' has no version {number}; its versions are 1 to {playbook.CurrentVersion}. Leave ?version out for every version.");
            }

            only = number;
        }

        return TypedResults.Ok(await PlaybookResults.ReadAsync(episodes, playbook, versions, only, time.GetUtcNow(), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<PlaybookResponse>, ProblemHttpResult>> DisableAsync(
        string id, IPlaybookStore store, ActivePlaybooks active, CancellationToken cancellationToken)
    {
        var disabled = await store.DisableAsync(id, cancellationToken).ConfigureAwait(false);
        await active.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return disabled is { } playbook ? TypedResults.Ok(playbook.ToResponse()) : NotFound(id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string id, IPlaybookStore store, ActivePlaybooks active, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        await active.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return deleted ? TypedResults.NoContent() : NotFound(id);
    }

    /// <summary>Steps whose endpoint this host has no URL and secret for: their webhooks could never be sent.</summary>
    private static IEnumerable<PlaybookProblem> UnknownEndpoints(PlaybookDefinition definition, WebhookEndpointsOptions endpoints)
    {
        var known = endpoints.Endpoints.Keys.Order(StringComparer.Ordinal).ToList();
        var names = known.Count == 0 ? "none is configured yet" : "configured: " + string.Join(", ", known);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var endpoint = definition.Steps[i].Action.Endpoint;
            if (!endpoints.Endpoints.ContainsKey(endpoint))
            {
                yield return new PlaybookProblem(
                    $"steps[{i}].action.endpoint",
                    $"no webhook endpoint named '{endpoint}' on this engine ({names}): set {WebhookEndpointsOptions.SectionName}:{endpoint}:Url " +
                    "and :Secret, or name a configured endpoint");
            }
        }
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"There is no playbook '{id}'. GET /v1/admin/playbooks lists them; PUT /v1/admin/playbooks/{id} creates it.");
}
