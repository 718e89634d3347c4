using System.Collections.Concurrent;

namespace ChurnActors.Grains.Customers;

/// <summary>
/// Tracks, on one silo, up to which log sequence every event is reflected in persisted grain state: the
/// minimum of what has been dispatched, of every grain's first event not yet persisted, and (until startup
/// recovery ends) the checkpoint recovery started from. Persisted as the node's checkpoint; after a crash,
/// the customers with events beyond it are caught up.
/// </summary>
public sealed class AppliedWatermark
{
    private readonly ConcurrentDictionary<string, long> _pending = new(StringComparer.Ordinal);
    private long _dispatchedThrough;
    private long _recoveryFloor = long.MaxValue;

    /// <summary>Everything at or below this sequence is in persisted state.</summary>
    public long AppliedThrough
    {
        get
        {
            var through = Math.Min(Volatile.Read(ref _dispatchedThrough), Volatile.Read(ref _recoveryFloor));
            foreach (var firstPending in _pending.Values)
            {
                through = Math.Min(through, firstPending - 1);
            }

            return through;
        }
    }

    /// <summary>Grains holding applied but unpersisted events.</summary>
    public int PendingCustomers => _pending.Count;

    /// <summary>True while the customer holds applied events that are not persisted.</summary>
    public bool IsPending(string customerKey) => _pending.ContainsKey(customerKey);

    public void MarkPending(string customerKey, long firstUnpersistedSequence) =>
        _pending.AddOrUpdate(customerKey, firstUnpersistedSequence, (_, existing) => Math.Min(existing, firstUnpersistedSequence));

    public void MarkPersisted(string customerKey, long persistedThrough)
    {
        // Only clear the entry if nothing newer became pending meanwhile.
        if (_pending.TryGetValue(customerKey, out var first) && first <= persistedThrough)
        {
            _pending.TryRemove(new KeyValuePair<string, long>(customerKey, first));
        }
    }

    public void Dispatched(long sequence)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _dispatchedThrough);
            if (sequence <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _dispatchedThrough, sequence, current) != current);
    }

    /// <summary>Holds the watermark at <paramref name="checkpoint"/> while startup recovery runs.</summary>
    public void BeginRecovery(long checkpoint)
    {
        Volatile.Write(ref _recoveryFloor, checkpoint);
        Dispatched(checkpoint);
    }

    /// <summary>Recovery caught up every customer with events up to <paramref name="recoveredThrough"/>.</summary>
    public void EndRecovery(long recoveredThrough)
    {
        Dispatched(recoveredThrough);
        Volatile.Write(ref _recoveryFloor, long.MaxValue);
    }
}
