using System.Collections.Concurrent;

namespace ChurnActors.Domain.Events;

/// <summary>
/// One instance of each short string that events keep repeating (event types, product ids, categories), for the
/// customer state that holds on to them. Each event arrives with fresh copies of these strings; a long-lived customer
/// that keeps its copy holds a young object, which the runtime's next young-generation collection has to reach through
/// that customer and move, for every customer that stored one since the collection before (in a heap walk of a host at
/// 25,000 events/s such strings were the largest group young collections promoted; docs/benchmarks.md). A pooled
/// instance is moved once and then stays where it is.
/// </summary>
/// <remarks>
/// Bounded: once <see cref="Capacity"/> strings are pooled, a further new string is returned as it is (and kept by
/// the customer alone, as without the pool), so a client that sends endless distinct values costs at most the bound.
/// Thread-safe: grains of many customers use <see cref="Shared"/> at once.
/// </remarks>
public sealed class StringPool
{
    /// <summary>Longer strings are not pooled.</summary>
    public const int MaxLength = 100;

    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
    private int _count;

    public StringPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>
    /// The pool the customer state uses: process-wide, like <see cref="System.Buffers.ArrayPool{T}.Shared"/>, because it
    /// holds values that are the same for every customer and never a customer's data.
    /// </summary>
    public static StringPool Shared { get; } = new(50_000);

    /// <summary>Most distinct strings pooled.</summary>
    public int Capacity { get; }

    /// <summary>Distinct strings pooled so far (counting, for a moment, those being added).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// The pooled instance equal to <paramref name="value"/>; <paramref name="value"/> itself when it becomes the pooled
    /// one, or when it is not pooled (longer than <see cref="MaxLength"/>, or the pool is full).
    /// </summary>
    public string Share(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            return value;
        }

        if (_pool.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        if (Volatile.Read(ref _count) >= Capacity)
        {
            return value;
        }

        // Take a place first, so threads adding at the same moment never take the pool past its capacity.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return value;
        }

        pooled = _pool.GetOrAdd(value, value);
        if (!ReferenceEquals(pooled, value))
        {
            Interlocked.Decrement(ref _count); // another thread pooled an equal string first: give the place back
        }

        return pooled;
    }
}
