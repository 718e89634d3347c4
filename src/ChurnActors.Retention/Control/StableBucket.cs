using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ChurnActors.Retention.Control;

/// <summary>
/// Maps a tuple of strings to a number in [0, 1) that is the same on every machine, process and .NET version:
/// SHA-256 over the UTF-8 bytes of the parts joined by U+001F (unit separator); the first 8 bytes of the digest read
/// as a big-endian unsigned integer, its top 53 bits divided by 2^53. <see cref="string.GetHashCode()"/> is randomised
/// per process and must never be used for this.
/// </summary>
public static class StableBucket
{
    /// <summary>The separator between the parts (U+001F, unit separator).</summary>
    public const char Separator = '\u001f';

    private const int StackLimit = 512;

    private static readonly string SeparatorString = Separator.ToString();

    /// <summary>The bucket of <paramref name="salt"/> and <paramref name="key"/>: SHA-256(UTF-8(salt U+001F key)).</summary>
    public static double Of(string salt, string key)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(key);
        return Of(string.Concat(salt, SeparatorString, key));
    }

    /// <summary>The bucket of three parts: SHA-256(UTF-8(salt U+001F scope U+001F key)).</summary>
    public static double Of(string salt, string scope, string key)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        return Of(string.Concat(salt, SeparatorString, scope, SeparatorString, key));
    }

    private static double Of(string joined)
    {
        var length = Encoding.UTF8.GetByteCount(joined);
        byte[]? rented = null;
        var bytes = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(joined, bytes);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], digest);
            var top = BinaryPrimitives.ReadUInt64BigEndian(digest);
            return (top >> 11) * (1.0 / (1UL << 53));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
