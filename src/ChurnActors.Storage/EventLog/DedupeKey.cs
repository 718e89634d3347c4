using System.Security.Cryptography;
using System.Text;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log's dedupe key: the first 128 bits of SHA-256 over (source, messageId). A fixed 16-byte key keeps
/// the unique index small whatever length of messageId clients send; a collision needs about 2^64 events.
/// </summary>
public static class DedupeKey
{
    public static Guid Of(string source, string messageId)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(messageId);
        var length = Encoding.UTF8.GetByteCount(source) + 1 + Encoding.UTF8.GetByteCount(messageId);
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(source, buffer);
        buffer[written++] = 0; // separator: ("ab","c") and ("a","bc") differ
        Encoding.UTF8.GetBytes(messageId, buffer[written..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash);
        return new Guid(hash[..16]);
    }
}
