using System.Security.Claims;
using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Apis;
using ChurnActors.Silo.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChurnActors.Silo.Auth;

/// <summary>
/// The 401 and 403 answers of the key policies: what is missing, which key kind the endpoint needs, how to send it.
/// Each carries <c>requiredKeyKinds</c>; a 403 also the kinds the key sent is (<c>keyKinds</c>).
/// </summary>
internal static class KeyProblems
{
    public const string HowToSend =
        "send HTTP Basic auth with the key as user name and an empty password, or the header Authorization: Bearer <key>";

    public const string UnreadableHeader =
        "The Authorization header is neither HTTP Basic (the key as user name, an empty password) nor Bearer.";

    public const string SendAKey = "This endpoint needs a key: " + HowToSend + ".";

    private const string AWriteKey = "a write key (ChurnActors:Ingest:WriteKeys)";
    private const string AReadKey = "a read key (ChurnActors:Ingest:ReadKeys)";
    private const string AnAdminKey = "an admin key (ChurnActors:Admin:Keys)";

    /// <param name="required">The key kinds the endpoint's policy accepts (<see cref="KeyKinds"/>).</param>
    /// <param name="user">The request's principal: authenticated when it sent a known key.</param>
    /// <param name="authorization">The request's <c>Authorization</c> header.</param>
    /// <param name="adminKeys">The admin keys, to tell a host without any.</param>
    public static ProblemHttpResult Refusal(IReadOnlyCollection<string> required, ClaimsPrincipal user, string? authorization, AdminKeys adminKeys)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(adminKeys);
        var extensions = new Dictionary<string, object?> { ["requiredKeyKinds"] = required.ToArray() };
        var admin = required.All(k => k == KeyKinds.Admin);
        var (what, needs) = required.Contains(KeyKinds.Read)
            ? ("Reading customers", $"{AReadKey} or {AnAdminKey}")
            : admin
                ? ("The admin API", AnAdminKey)
                : ("Sending events with the key in the Authorization header", AWriteKey);

        if (user.Identity?.IsAuthenticated == true)
        {
            var kinds = user.FindAll(KeyClaims.Kind).Select(c => c.Value).ToArray();
            extensions["keyKinds"] = kinds;
            return Problems.Forbidden(
                admin
                    ? "This is a write or read key; the admin API takes only admin keys (ChurnActors:Admin:Keys), which are kept apart from the keys that ship in apps."
                    : kinds.Contains(KeyKinds.Write) && required.Contains(KeyKinds.Read)
                        ? $"This is a write key, and a write key may only write: it ships inside web and mobile apps, where anyone can extract it. {what} needs {needs}."
                        : $"This is a {string.Join(" and ", kinds)} key; {char.ToLowerInvariant(what[0])}{what[1..]} needs {needs}.",
                extensions);
        }

        if (string.IsNullOrEmpty(authorization))
        {
            return Problems.Unauthorized($"{what} needs {needs}: {HowToSend}.", extensions);
        }

        if (WriteKeys.FromAuthorizationHeader(authorization) is null)
        {
            return Problems.Unauthorized($"{UnreadableHeader} {what} needs {needs}: {HowToSend}.", extensions);
        }

        if (admin && adminKeys.Count == 0)
        {
            return Problems.Forbidden(
                "No admin key is configured on this host: set ChurnActors:Admin:Keys (or CHURN_ADMIN_KEY) to use the admin API.", extensions);
        }

        return Problems.Unauthorized($"Unknown key: {char.ToLowerInvariant(what[0])}{what[1..]} needs {needs}.", extensions);
    }
}
