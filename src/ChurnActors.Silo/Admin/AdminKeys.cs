using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Admin;

/// <summary>
/// The admin keys (<see cref="AdminOptions.Keys"/>). The key scheme (<c>Auth/KeyAuthenticationHandler</c>) gives a
/// request that sends one the <c>admin</c> kind.
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
    }

    public int Count => _keys.Count;

    public bool IsAdmin(string? key) => key is not null && _keys.Contains(key);
}
