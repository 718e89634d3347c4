using System.Buffers;

namespace ChurnActors.Ingest;

/// <summary>
/// A request body held in an array rented from <see cref="ArrayPool{T}.Shared"/>: bodies of a few hundred KB
/// would otherwise land on the large object heap once per request. Dispose it once nothing reads it any more.
/// </summary>
public sealed class PooledBody : IDisposable
{
    private byte[]? _array;

    public PooledBody(int capacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBody));

    /// <summary>Room for at least <paramref name="sizeHint"/> more bytes (at least one), to fill and then <see cref="Advance"/>.</summary>
    public Memory<byte> GetMemory(int sizeHint)
    {
        var array = Array;
        var needed = Length + Math.Max(sizeHint, 1);
        if (needed > array.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, array.Length * 2));
            array.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            _array = array = larger;
        }

        return array.AsMemory(Length);
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Length + count > Array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "Advanced past the end of the buffer.");
        }

        Length += count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetMemory(bytes.Length).Span);
        Length += bytes.Length;
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
