using System.Net.Http.Headers;
using System.Text;
using ChurnActors.Ingest;
using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Ingest;

/// <summary>
/// The write keys and read keys (<see cref="IngestOptions"/>). Each write key is one ingest source, named by a hash
/// of the key so the key itself is never stored with the events. A write key reads only where
/// <see cref="IngestOptions.ReadRequiresReadKey"/> is false.
/// </summary>
public sealed class WriteKeys
{
    private readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readers = new(StringComparer.Ordinal);

    public WriteKeys(IOptions<IngestOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        foreach (var key in value.WriteKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            _sources[key] = SourceName(key);
            if (!value.ReadRequiresReadKey)
            {
                _readers.Add(key);
            }
        }

        foreach (var key in value.ReadKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            _readers.Add(key);
        }
    }

    public int Count => _sources.Count;

    /// <summary>The source a write key belongs to, or null for an unknown key.</summary>
    public string? SourceOf(string? writeKey) =>
        writeKey is not null && _sources.TryGetValue(writeKey, out var source) ? source : null;

    /// <summary>A read key, or a write key on a host where write keys may read.</summary>
    public bool MayRead(string? key) => key is not null && _readers.Contains(key);

    /// <summary>
    /// The key of an <c>Authorization</c> header: Basic with the key as user name (Segment's convention),
    /// or Bearer. Null when the header is absent or unreadable.
    /// </summary>
    public static string? FromAuthorizationHeader(string? header)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var parsed) || parsed.Parameter is null)
        {
            return null;
        }

        if (parsed.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return parsed.Parameter;
        }

        if (!parsed.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parsed.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? decoded : decoded[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string SourceName(string key) => IngestSources.OfWriteKey(key);
}
