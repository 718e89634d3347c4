using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>Every playbook with its current version and switch.</summary>
public sealed class PlaybooksModel(IPlaybookStore store) : PageModel
{
    public IReadOnlyList<StoredPlaybook> Playbooks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Playbooks = await store.ListAsync(cancellationToken).ConfigureAwait(false);
}
