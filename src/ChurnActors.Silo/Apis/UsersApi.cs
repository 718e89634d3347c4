using ChurnActors.Abstractions;
using ChurnActors.Silo.Ingest;

namespace ChurnActors.Silo.Apis;

/// <summary>Reading what the engine knows of a customer.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/users/{userId}", GetUserAsync);
        return app;
    }

    private static async Task<IResult> GetUserAsync(string userId, HttpContext context, WriteKeys keys, IGrainFactory grains)
    {
        var key = WriteKeys.FromAuthorizationHeader(context.Request.Headers.Authorization);
        if (!keys.MayRead(key))
        {
            return Problems.Unauthorized(key is null
                ? "Reading customers needs a key: send HTTP Basic auth with the key as user name and an empty password."
                : "This key may not read customers. Use a configured read key (or a write key where write keys may read).");
        }

        var view = await grains.GetGrain<IUserGrain>(userId).GetViewAsync().ConfigureAwait(false);
        return view is null
            ? Problems.NotFound($"No customer '{userId}': no event with this userId (or anonymousId, as 'anon:<id>') has been received.")
            : TypedResults.Ok(CustomerResponse.From(view));
    }
}
