using ChurnActors.Silo.Hosting;
using ChurnActors.Silo.Ingest;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Admin;

/// <summary>
/// Recognises admin keys (<see cref="AdminOptions.Keys"/>), sent like write keys: HTTP Basic with the key as user
/// name, or Bearer.
/// </summary>
public sealed class AdminKeys
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public AdminKeys(IOptions<AdminOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var key in options.Value.Keys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            _keys.Add(key);
        }

        if (Environment.GetEnvironmentVariable(AdminOptions.AdminKeyEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            _keys.Add(fromEnvironment);
        }
    }

    public int Count => _keys.Count;

    public bool IsAdmin(string? key) => key is not null && _keys.Contains(key);

    /// <summary>Null when the request carries an admin key, else the 401 or 403 problem to answer with.</summary>
    public IResult? Refusal(HttpContext context, WriteKeys writeKeys)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(writeKeys);
        var key = WriteKeys.FromAuthorizationHeader(context.Request.Headers.Authorization);
        if (IsAdmin(key))
        {
            return null;
        }

        if (key is null)
        {
            return Apis.Problems.Unauthorized(
                "The admin API needs an admin key: send HTTP Basic auth with the key as user name and an empty password, or a Bearer token.");
        }

        if (writeKeys.SourceOf(key) is not null || writeKeys.MayRead(key))
        {
            return Apis.Problems.Forbidden(
                "This is a write or read key; the admin API takes only admin keys (ChurnActors:Admin:Keys), which are kept apart from the keys that ship in apps.");
        }

        return _keys.Count == 0
            ? Apis.Problems.Forbidden("No admin key is configured on this host: set ChurnActors:Admin:Keys (or CHURN_ADMIN_KEY) to use the admin API.")
            : Apis.Problems.Unauthorized("Unknown key: the admin API takes only the keys in ChurnActors:Admin:Keys.");
    }
}
