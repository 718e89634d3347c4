using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ChurnActors.Retention.Policy;

/// <summary>
/// Finds IANA time zones by id, with a bounded cache (ids come from customer events, so a failed look-up, which
/// throws inside <see cref="TimeZoneInfo"/>, is cached too, and the cache stops growing at a fixed size).
/// </summary>
internal sealed class TimeZoneResolver
{
    private const int MaxCached = 1024;

    private const int MaxIdLength = 64;

    private readonly ConcurrentDictionary<string, TimeZoneInfo?> _cache = new(StringComparer.Ordinal);

    public bool TryResolve(string id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        if (_cache.TryGetValue(id, out zone))
        {
            return zone is not null;
        }

        TryFind(id, out zone);
        if (_cache.Count < MaxCached)
        {
            _cache.TryAdd(id, zone);
        }

        return zone is not null;
    }

    /// <summary>Looks an id up without caching; only ids made of the characters IANA ids use are looked up at all.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(IsIdChar) || id.Contains("..", StringComparison.Ordinal) || id[0] == '/')
        {
            return false;
        }

        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+';
}
