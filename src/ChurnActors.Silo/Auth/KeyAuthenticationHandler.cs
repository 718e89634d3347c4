using System.Security.Claims;
using System.Text.Encodings.Web;
using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Ingest;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Auth;

/// <summary>
/// Authenticates the key of the <c>Authorization</c> header (HTTP Basic with the key as user name and an empty
/// password, Segment's convention, or <c>Bearer KEY</c>) against the configured write, read and admin keys. The
/// principal carries one role claim (<see cref="KeyClaims.Kind"/>) per kind the key is, and a write key's source.
/// </summary>
public sealed class KeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    WriteKeys writeKeys,
    AdminKeys adminKeys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = WriteKeys.FromAuthorizationHeader(header);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail(KeyProblems.UnreadableHeader));
        }

        var claims = new List<Claim>(3);
        if (writeKeys.SourceOf(key) is { } source)
        {
            claims.Add(new Claim(KeyClaims.Kind, KeyKinds.Write));
            claims.Add(new Claim(KeyClaims.Source, source));
        }

        if (writeKeys.MayRead(key))
        {
            claims.Add(new Claim(KeyClaims.Kind, KeyKinds.Read));
        }

        if (adminKeys.IsAdmin(key))
        {
            claims.Add(new Claim(KeyClaims.Kind, KeyKinds.Admin));
        }

        if (claims.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The key is not configured on this host."));
        }

        var identity = new ClaimsIdentity(claims, Scheme.Name, KeyClaims.Source, KeyClaims.Kind);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <summary>A 401 problem for a challenge outside the key policies (they answer through <see cref="KeyAuthorizationResultHandler"/>).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = KeyAuthentication.Challenges.ToArray();
        return Problems.Unauthorized(KeyProblems.SendAKey).ExecuteAsync(Context);
    }

    /// <summary>A 403 problem for a refusal outside the key policies.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("This key is not allowed here.").ExecuteAsync(Context);
}
