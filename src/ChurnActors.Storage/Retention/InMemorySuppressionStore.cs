namespace ChurnActors.Storage.Retention;

/// <summary>The suppression list in process memory, with the same rules as <see cref="PostgresSuppressionStore"/>: for the in-memory host mode and tests.</summary>
public sealed class InMemorySuppressionStore(TimeProvider time) : ISuppressionStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, SuppressedCustomer> _entries = new(StringComparer.Ordinal);
    private long _version;

    public Task<SuppressionAddResult> AddAsync(string customerKey, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_lock)
        {
            var added = !_entries.TryGetValue(customerKey, out var existing);
            var entry = new SuppressedCustomer(customerKey, reason, existing?.AddedAt ?? time.GetUtcNow());
            _entries[customerKey] = entry;
            _version++;
            return Task.FromResult(new SuppressionAddResult(added, entry));
        }
    }

    public Task<bool> RemoveAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _entries.Remove(customerKey);
            _version++;
            return Task.FromResult(removed);
        }
    }

    public Task<SuppressionPage> ListAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_lock)
        {
            var rows = _entries.Values
                .Where(e => after is null || string.CompareOrdinal(e.CustomerKey, after) > 0)
                .Take(limit + 1)
                .ToList();
            return Task.FromResult(SuppressionPage.Of(rows, limit));
        }
    }

    public Task<bool> ContainsAsync(string customerKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.ContainsKey(customerKey));
        }
    }

    public Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_version);
        }
    }

    public Task<IReadOnlyList<string>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _entries.Keys]);
        }
    }
}
