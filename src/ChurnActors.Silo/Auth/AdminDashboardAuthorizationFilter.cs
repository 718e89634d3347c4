using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace ChurnActors.Silo.Auth;

/// <summary>
/// Lets only admin keys into the Hangfire dashboard, through the key scheme: a browser sends the admin key as the user
/// name of HTTP Basic auth (empty password), which the 401's <c>WWW-Authenticate</c> challenge asks for. Hangfire answers
/// 401 without a known key and 403 to a key of another kind.
/// </summary>
public sealed class AdminDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(KeyAuthentication.SchemeName).ConfigureAwait(false);
        if (result.Succeeded && result.Principal.IsInRole(KeyKinds.Admin))
        {
            return true;
        }

        if (!result.Succeeded && !http.Response.HasStarted)
        {
            http.Response.Headers.WWWAuthenticate = KeyAuthentication.Challenges.ToArray();
        }

        return false;
    }
}
