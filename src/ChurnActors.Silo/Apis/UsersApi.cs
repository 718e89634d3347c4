using ChurnActors.Abstractions;
using ChurnActors.Api.Contracts;
using ChurnActors.Storage.Retention;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// Reading what the engine knows of a customer: read keys and admin keys. A write key may only write (it ships inside
/// web and mobile apps, where anyone can extract it), unless <c>ChurnActors:Ingest:ReadRequiresReadKey</c> is false.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users").RequireReadKey().WithTags("Customers");
        users.MapGet("/{userId}", GetUserAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetUserAsync(
        string userId, IGrainFactory grains, IEpisodeStore episodes, CancellationToken cancellationToken)
    {
        var view = await grains.GetGrain<IUserGrain>(userId).GetViewAsync().ConfigureAwait(false);
        if (view is null)
        {
            return Problems.NotFound($"No customer '{userId}': no event with this userId (or anonymousId, as 'anon:<id>') has been received.");
        }

        // Episodes and their decisions are read from the store, which records every one of them.
        return TypedResults.Ok(view.ToResponse(await episodes.EpisodesOfCustomerAsync(userId, cancellationToken).ConfigureAwait(false)));
    }
}
