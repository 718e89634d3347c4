using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Console;
using Microsoft.AspNetCore.Authentication;

namespace ChurnActors.Silo.Telemetry;

/// <summary>
/// Lets only admins into the Orleans dashboard: an admin key in the <c>Authorization</c> header (a browser sends it as
/// the user name of HTTP Basic auth, which the 401's <c>WWW-Authenticate</c> challenge asks for), or the console's
/// session, opened with an admin key. Without either the answer is 401; a key of another kind gets 403.
/// </summary>
public sealed class OrleansDashboardGate(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = await context.AuthenticateAsync(KeyAuthentication.SchemeName).ConfigureAwait(false);
        if (key.Succeeded && key.Principal.IsInRole(KeyKinds.Admin))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var session = await context.AuthenticateAsync(ConsoleAuthentication.SchemeName).ConfigureAwait(false);
        if (session.Succeeded && session.Principal.HasClaim(c => c.Type == ConsoleAuthentication.KeyHashClaim))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (key.Succeeded)
        {
            await Problems.Forbidden("The Orleans dashboard needs an admin key; this key is of another kind.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.Headers.WWWAuthenticate = KeyAuthentication.Challenges.ToArray();
        await Problems.Unauthorized(
            "The Orleans dashboard needs an admin key: send it as the user name of HTTP Basic auth (empty password) or as a Bearer token, or log in to the console at /console first.")
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}
