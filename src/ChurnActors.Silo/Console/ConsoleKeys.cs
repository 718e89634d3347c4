using System.Security.Cryptography;
using System.Text;
using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Console;

/// <summary>
/// Checks a key typed into the console's login form the way the API checks admin keys (<see cref="AdminKeys"/>), and
/// whether a session's key is still configured (by its hash, which is all the cookie carries).
/// </summary>
public sealed class ConsoleKeys(AdminKeys adminKeys, IOptions<AdminOptions> options)
{
    private readonly HashSet<string> _hashes = new(
        options.Value.Keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(Hash), StringComparer.Ordinal);

    /// <summary>Whether the host has any admin key: without one nobody can log in, and the login page says so.</summary>
    public bool AnyConfigured => adminKeys.Count > 0;

    /// <summary>Whether <paramref name="key"/> is an admin key of this host.</summary>
    public bool IsAdmin(string? key) => adminKeys.IsAdmin(key);

    /// <summary>Whether a session opened with the key of this hash may go on.</summary>
    public bool IsCurrent(string? hash) => hash is not null && _hashes.Contains(hash);

    /// <summary>The hex SHA-256 of a key, as the session cookie carries it.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
