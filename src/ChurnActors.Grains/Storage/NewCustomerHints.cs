using System.Collections.Concurrent;

namespace ChurnActors.Grains.Storage;

/// <summary>
/// Customers the event log has just seen for the first time: their grains have no stored state yet, so the grain
/// that activates for that first event need not ask the database (<see cref="NewCustomerGrainStorage"/>).
/// The dispatcher notes a customer right before delivering its first event; the activation takes the note. A note
/// is dropped when the customer's state is written, and one that nobody takes runs out after
/// <see cref="Lifetime"/>, so a later activation always reads.
/// </summary>
/// <remarks>
/// A wrong note can only come from a grain that moved to another silo and wrote there within the note's lifetime.
/// The grain would then start empty, fill itself from the event log (its next delivery shows the gap) and fail its
/// next write on the stored version, after which it takes the stored state and catches up from the log again
/// (<see cref="Customers.UserGrain"/>): the log stays the truth, nothing is lost.
/// </remarks>
public sealed class NewCustomerHints(TimeProvider time)
{
    /// <summary>How long a note stays valid when no activation takes it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    /// <summary>Notes kept before expired ones are swept out.</summary>
    private const int SweepAbove = 100_000;

    private readonly ConcurrentDictionary<string, long> _noted = new(StringComparer.Ordinal);
    private long _nextSweep;
    private long _readsSkipped;

    /// <summary>Notes waiting for their activation.</summary>
    public int Count => _noted.Count;

    /// <summary>Activations that started empty because of a note, without reading the database.</summary>
    public long ReadsSkipped => Interlocked.Read(ref _readsSkipped);

    /// <summary>Notes that <paramref name="customerKey"/> has no stored state: its first event is being delivered.</summary>
    public void Note(string customerKey)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        var now = time.GetTimestamp();
        _noted[customerKey] = now;
        if (_noted.Count > SweepAbove && now >= Interlocked.Read(ref _nextSweep))
        {
            Interlocked.Exchange(ref _nextSweep, now + Ticks(Lifetime));
            Sweep(now);
        }
    }

    /// <summary>Takes the note on <paramref name="customerKey"/>: true when there was one, still valid.</summary>
    public bool TryTake(string customerKey)
    {
        if (!_noted.TryRemove(customerKey, out var notedAt) || time.GetElapsedTime(notedAt) > Lifetime)
        {
            return false;
        }

        Interlocked.Increment(ref _readsSkipped);
        return true;
    }

    /// <summary>Drops any note on <paramref name="customerKey"/> (its state now exists).</summary>
    public void Forget(string customerKey) => _noted.TryRemove(customerKey, out _);

    private void Sweep(long now)
    {
        var lifetime = Ticks(Lifetime);
        foreach (var (customerKey, notedAt) in _noted)
        {
            if (now - notedAt > lifetime)
            {
                _noted.TryRemove(KeyValuePair.Create(customerKey, notedAt));
            }
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
