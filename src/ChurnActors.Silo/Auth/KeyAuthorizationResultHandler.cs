using ChurnActors.Silo.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ChurnActors.Silo.Auth;

/// <summary>
/// Answers a request the key policies refuse with a problem that names the key kind the endpoint needs: 401 (with
/// <c>WWW-Authenticate</c>) when no known key was sent, 403 when the key is of the wrong kind.
/// </summary>
public sealed class KeyAuthorizationResultHandler(AdminKeys adminKeys) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var required = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        if (authorizeResult.Succeeded || required.Count == 0 || !(authorizeResult.Challenged || authorizeResult.Forbidden))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var problem = KeyProblems.Refusal(required, context.User, context.Request.Headers.Authorization, adminKeys);
        if (problem.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = KeyAuthentication.Challenges.ToArray();
        }

        return problem.ExecuteAsync(context);
    }
}
