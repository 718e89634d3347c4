using ChurnActors.Abstractions;
using ChurnActors.Api.Contracts;
using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Console.Data;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChurnActors.Silo.Console.Pages;

/// <summary>
/// One customer: the grain's view (what GET /v1/users/{id} answers: score, drivers, CLV, counts, episodes with their
/// actions), its row of the projection, its latest events from the log and its band changes.
/// </summary>
public sealed class CustomerModel(IGrainFactory grains, IEpisodeStore episodes, ConsoleReader reader) : PageModel
{
    public const int EventsShown = 25;

    public const int BandChangesShown = 50;

    [FromQuery(Name = "id")]
    public string Id { get; set; } = "";

    public CustomerResponse? View { get; private set; }

    public AtRiskRow? Row { get; private set; }

    public IReadOnlyList<TimelineEvent> Events { get; private set; } = [];

    public IReadOnlyList<BandChange> BandChanges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Id))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var view = await grains.GetGrain<IUserGrain>(Id).GetViewAsync().ConfigureAwait(false);
        if (view is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        View = view.ToResponse(await episodes.EpisodesOfCustomerAsync(Id, cancellationToken).ConfigureAwait(false));
        if (reader.Available)
        {
            Row = await reader.CustomerRowAsync(Id, cancellationToken).ConfigureAwait(false);
            Events = await reader.LatestEventsAsync(Id, EventsShown, cancellationToken).ConfigureAwait(false);
            BandChanges = await reader.BandChangesAsync(Id, BandChangesShown, cancellationToken).ConfigureAwait(false);
        }
    }
}
