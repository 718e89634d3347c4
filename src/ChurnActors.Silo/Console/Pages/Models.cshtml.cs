using ChurnActors.Storage.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>The model registry: every version with its metrics, the champion changes, and links to promote or roll back.</summary>
public sealed class ModelsModel(IModelRegistry registry) : PageModel
{
    [FromQuery(Name = "promoted")]
    public long? Promoted { get; set; }

    [FromQuery(Name = "rolledBack")]
    public long? RolledBack { get; set; }

    public string? Done => Promoted is { } p
        ? $"Version {p} is the champion; every silo has been told."
        : RolledBack is { } r ? $"Rolled back: version {r} is the champion again; every silo has been told." : null;

    public IReadOnlyList<RegisteredModel> Models { get; private set; } = [];

    public IReadOnlyList<PromotionRecord> History { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var history = registry.HistoryAsync(cancellationToken);
        Models = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        History = await history.ConfigureAwait(false);
    }
}
