using System.Security.Cryptography;
using System.Text;

namespace ChurnActors.Ingest;

/// <summary>
/// Names of ingest sources, the dedupe scope of message ids (<see cref="ChurnActors.Domain.Events.IncomingEvent.Source"/>). A write
/// key's source is a hash of the key, so the key itself is never stored with the events, and the host and an import
/// straight into the database name the same key's source alike.
/// </summary>
public static class IngestSources
{
    /// <summary>The source of events imported into the database without a write key.</summary>
    public const string Import = "import";

    /// <summary>The source that events sent with <paramref name="writeKey"/> belong to.</summary>
    public static string OfWriteKey(string writeKey)
    {
        ArgumentNullException.ThrowIfNull(writeKey);
        return "wk_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(writeKey)).AsSpan(0, 8));
    }
}
