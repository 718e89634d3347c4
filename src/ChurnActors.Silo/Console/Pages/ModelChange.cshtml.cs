using ChurnActors.Abstractions;
using ChurnActors.Silo.Console.Data;
using ChurnActors.Storage.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// The confirmation step of a promotion or rollback: the GET says what will happen, the POST (with the anti-forgery
/// token) does it through the registry, as the admin API does, and pushes the champion to every silo.
/// </summary>
public sealed class ModelChangeModel(IModelRegistry registry, IGrainFactory grains, ILogger<ModelChangeModel> logger) : PageModel
{
    /// <summary>Who the registry records as having asked.</summary>
    public const string Actor = "console";

    [BindProperty(SupportsGet = true)]
    public long? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Rollback { get; set; }

    public string? Question { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var models = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        var champion = models.FirstOrDefault(m => m.Status == ModelStatus.Champion);
        var current = champion is null ? "no champion" : $"version {champion.Version} ({champion.Name}, AUC {ModelSummary.Figure(champion.Evaluation.Auc)})";
        if (Rollback)
        {
            var history = await registry.HistoryAsync(cancellationToken).ConfigureAwait(false);
            var previous = history.FirstOrDefault()?.PreviousChampion;
            if (champion is null || previous is null)
            {
                Error = "Nothing to roll back to: the champion did not replace another one.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return;
            }

            Question = $"Roll back from {current} to version {previous}? Every silo scores with version {previous} from then on.";
            return;
        }

        if (Version is not { } version || models.FirstOrDefault(m => m.Version == version) is not { } target)
        {
            Error = $"There is no model version {Version} in the registry.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Question = $"Promote version {target.Version} ({target.Name}, AUC {ModelSummary.Figure(target.Evaluation.Auc)}, Brier {ModelSummary.Figure(target.Evaluation.Brier)}) over {current}? " +
                   "The promotion gate checks it against the champion first; every silo scores with it from then on.";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PromotionRecord record;
        try
        {
            if (Rollback)
            {
                record = await registry.RollbackAsync(Actor, cancellationToken).ConfigureAwait(false);
            }
            else if (Version is { } version)
            {
                record = await registry.PromoteAsync(version, force: false, Actor, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Error = "Say which version to promote.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
        }
        catch (ModelRegistryException ex)
        {
            Error = ex.Message;
            Response.StatusCode = ex.Error == ModelRegistryError.UnknownVersion ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Page();
        }

        await grains.GetGrain<IModelCoordinatorGrain>(IModelCoordinatorGrain.ShopKey).PublishChampionAsync().ConfigureAwait(false);
        ConsoleLog.ChampionChanged(logger, record.Action, record.Version);
        return Rollback
            ? RedirectToPage("/Models", new { rolledBack = record.Version })
            : RedirectToPage("/Models", new { promoted = record.Version });
    }
}
