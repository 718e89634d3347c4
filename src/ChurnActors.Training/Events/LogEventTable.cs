using ChurnActors.Domain.Events;

namespace ChurnActors.Training.Events;

/// <summary>
/// A whole event log held compactly in memory, in the order it was read, until every customer's events are in: what
/// lets training read the log in one sequential scan (storage order, fast) instead of walking an index customer by
/// customer (random reads). Customers are told apart by their key (the 64-bit key hash finds them; the key decides).
/// </summary>
internal sealed class LogEventTable
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<StoredEvent[]> _chunks = [];
    private readonly Dictionary<long, int> _byHash = [];
    private readonly Dictionary<string, int> _collided = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<long> _hashes = [];
    private readonly Dictionary<string, short> _nameIndex = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<CommerceDetails> _commerce = [];
    private int _count;

    /// <summary>Events held.</summary>
    public int Count => _count;

    /// <summary>Customer keys seen.</summary>
    public int CustomerCount => _keys.Count;

    /// <summary>The index of the customer with this key (and its hash), adding it when new.</summary>
    public int CustomerOf(long hash, string key)
    {
        if (_byHash.TryGetValue(hash, out var index))
        {
            if (string.Equals(_keys[index], key, StringComparison.Ordinal))
            {
                return index;
            }

            // Another key with the same hash: rare, looked up by key.
            if (_collided.TryGetValue(key, out var other))
            {
                return other;
            }

            _collided[key] = _keys.Count;
        }
        else
        {
            _byHash[hash] = _keys.Count;
        }

        _keys.Add(key);
        _hashes.Add(hash);
        return _keys.Count - 1;
    }

    /// <summary>The index of an event name, adding it when new; -1 for none.</summary>
    public short NameOf(string? name)
    {
        if (name is null)
        {
            return -1;
        }

        if (!_nameIndex.TryGetValue(name, out var index))
        {
            if (_names.Count >= short.MaxValue)
            {
                throw new InvalidOperationException($"The log names more than {short.MaxValue:N0} distinct events; training reads at most that many.");
            }

            index = (short)_names.Count;
            _names.Add(name);
            _nameIndex[name] = index;
        }

        return index;
    }

    public void Add(int customer, long sequence, CallType call, short name, DateTimeOffset at, CommerceDetails? commerce)
    {
        if (_count == int.MaxValue)
        {
            throw new InvalidOperationException($"The log holds more than {int.MaxValue:N0} events before the labels' end; training reads at most that many.");
        }

        var chunk = _count >> ChunkBits;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(GC.AllocateUninitializedArray<StoredEvent>(ChunkSize)); // every slot is written before it is read
        }

        var commerceIndex = -1;
        if (commerce is not null)
        {
            commerceIndex = _commerce.Count;
            _commerce.Add(commerce);
        }

        _chunks[chunk][_count & (ChunkSize - 1)] = new StoredEvent(sequence, at.UtcTicks, customer, commerceIndex, name, (byte)call);
        _count++;
    }

    /// <summary>
    /// Every customer's history, in order of key hash (then key): its events in log order, preceded by the events of the
    /// anonymous keys <paramref name="links"/> ties to it (<c>anon:</c>key to user), which are not customers of their
    /// own; users with only linked anonymous events come last, by key.
    /// </summary>
    public IEnumerable<CustomerHistory> Histories(IReadOnlyDictionary<string, string> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var customers = _keys.Count;

        // Group the event positions by customer (a counting sort: stable, so storage order within a customer).
        var start = new int[customers + 1];
        ForEach(e => start[e.Customer + 1]++);
        for (var c = 0; c < customers; c++)
        {
            start[c + 1] += start[c];
        }

        var next = (int[])start.Clone();
        var positions = new int[_count];
        var position = 0;
        ForEach(e => positions[next[e.Customer]++] = position++);

        // Anonymous customers linked to a user: their events go to the user.
        var linkedTo = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var isLinked = new bool[customers];
        for (var c = 0; c < customers; c++)
        {
            if (links.TryGetValue(_keys[c], out var user))
            {
                isLinked[c] = true;
                if (!linkedTo.TryGetValue(user, out var anonymous))
                {
                    linkedTo[user] = anonymous = [];
                }

                anonymous.Add(c);
            }
        }

        var order = Enumerable.Range(0, customers).Where(c => !isLinked[c]).ToArray();
        Array.Sort(order, (a, b) => _hashes[a] != _hashes[b] ? _hashes[a].CompareTo(_hashes[b]) : string.CompareOrdinal(_keys[a], _keys[b]));
        foreach (var c in order)
        {
            var key = _keys[c];
            var events = new List<CustomerEvent>(start[c + 1] - start[c]);
            if (linkedTo.Remove(key, out var anonymous))
            {
                AddEvents(events, anonymous, start, positions, key);
            }

            AddEvents(events, [c], start, positions, null);
            yield return new CustomerHistory(key, events);
        }

        foreach (var user in linkedTo.Keys.Order(StringComparer.Ordinal))
        {
            var events = new List<CustomerEvent>();
            AddEvents(events, linkedTo[user], start, positions, user);
            yield return new CustomerHistory(user, events);
        }
    }

    private ref StoredEvent At(int position) => ref _chunks[position >> ChunkBits][position & (ChunkSize - 1)];

    private void ForEach(Action<StoredEvent> action)
    {
        for (var i = 0; i < _count; i++)
        {
            action(At(i));
        }
    }

    /// <summary>Appends the events of <paramref name="customers"/> in sequence order, as seen by <paramref name="userId"/>.</summary>
    private void AddEvents(List<CustomerEvent> events, List<int> customers, int[] start, int[] positions, string? userId)
    {
        var first = events.Count;
        var sorted = true;
        var previous = long.MinValue;
        foreach (var c in customers)
        {
            for (var p = start[c]; p < start[c + 1]; p++)
            {
                ref var stored = ref At(positions[p]);
                sorted &= stored.Sequence > previous;
                previous = stored.Sequence;
                events.Add(ToEvent(stored, userId));
            }
        }

        if (!sorted)
        {
            var sequences = new List<long>(events.Count - first);
            foreach (var c in customers)
            {
                for (var p = start[c]; p < start[c + 1]; p++)
                {
                    sequences.Add(At(positions[p]).Sequence);
                }
            }

            var part = events.GetRange(first, events.Count - first).ToArray();
            Array.Sort(sequences.ToArray(), part);
            events.RemoveRange(first, part.Length);
            events.AddRange(part);
        }
    }

    private CustomerEvent ToEvent(in StoredEvent stored, string? userId)
    {
        var at = new DateTimeOffset(stored.Ticks, TimeSpan.Zero);
        return new CustomerEvent(
            (CallType)stored.Call,
            stored.Name < 0 ? null : _names[stored.Name],
            at,
            at,
            userId,
            null,
            stored.Commerce < 0 ? CommerceDetails.None : _commerce[stored.Commerce]);
    }
}
