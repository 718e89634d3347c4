using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// One playbook: each version's definition, and each version's results (GET /v1/admin/playbooks/{id}/results) drawn as
/// both arms' retention rates and the lift with its interval.
/// </summary>
public sealed class PlaybookModel(IPlaybookStore store, IEpisodeStore episodes, TimeProvider time) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new(PlaybookJson.Options) { WriteIndented = true };

    [FromQuery(Name = "id")]
    public string Id { get; set; } = "";

    public StoredPlaybook? Playbook { get; private set; }

    public PlaybookResultsResponse? Results { get; private set; }

    public string DefinitionJson(PlaybookVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Serialize(version.Definition, Indented);
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Id) || await store.GetAsync(Id, cancellationToken).ConfigureAwait(false) is not { } playbook)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Playbook = playbook;
        Results = await PlaybookResults.ReadAsync(episodes, playbook, playbook.Versions, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
