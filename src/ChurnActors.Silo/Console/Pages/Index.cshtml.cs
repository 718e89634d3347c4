using ChurnActors.Silo.Console.Data;
using ChurnActors.Storage.Models;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>The overview: customers per band, the risk distribution, band changes per day, value at risk, the model in use.</summary>
public sealed class IndexModel(ConsoleReader reader, OverviewCache overview, IModelRegistry registry) : PageModel
{
    public const string InMemoryNotice =
        "This host keeps its data in memory: the console reads the score projection in PostgreSQL. Start the host with a connection string (ConnectionStrings:ChurnActors).";

    public OverviewFigures? Figures { get; private set; }

    public RegisteredModel? Champion { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var models = registry.ListAsync(cancellationToken);
        if (reader.Available)
        {
            Figures = await overview.GetAsync(cancellationToken).ConfigureAwait(false);
        }

        Champion = (await models.ConfigureAwait(false)).FirstOrDefault(m => m.Status == ModelStatus.Champion);
    }
}
