using System.Security.Cryptography;
using System.Text;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Deterministic message ids for imported events. An id comes from the record's natural key (and content), so the same
/// file imported again yields the same ids and the event log drops them as duplicates. Should the same id come up twice
/// in one input (a non-adjacent repeat), the later ones get <c>#2</c>, <c>#3</c>, … in input order. Only a 64-bit hash
/// of each id is remembered.
/// </summary>
internal sealed class MessageIds
{
    private readonly HashSet<ulong> _seen = [];

    /// <summary>Non-adjacent repeats of an id seen so far.</summary>
    public long Repeats { get; private set; }

    public string Unique(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_seen.Add(Hash64(id)))
        {
            return id;
        }

        Repeats++;
        for (var occurrence = 2; ; occurrence++)
        {
            var candidate = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{id}#{occurrence}");
            if (_seen.Add(Hash64(candidate)))
            {
                return candidate;
            }
        }
    }

    /// <summary>16 hex digits of SHA-256 over the parts (separated so that ("ab","c") and ("a","bc") differ).</summary>
    public static string ContentHash(IEnumerable<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part).Append('\u001f');
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    private static ulong Hash64(string id)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), digest);
        return BitConverter.ToUInt64(digest);
    }
}
