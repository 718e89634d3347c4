namespace ChurnActors.Storage.WakeUps;

/// <summary>The wake-up index of the in-memory mode (tests and the quick demo): nothing survives the process.</summary>
public sealed class InMemoryWakeUpIndex : IWakeUpIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset DueAt, string CustomerKey)> _byTime = [];

    public Task ScheduleAsync(string customerKey, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        lock (_gate)
        {
            Set(customerKey, dueAt);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        var claimed = new List<DueWakeUp>();
        lock (_gate)
        {
            foreach (var (dueAt, customerKey) in _byTime)
            {
                if (dueAt > now || claimed.Count >= max)
                {
                    break;
                }

                claimed.Add(new DueWakeUp(customerKey, dueAt));
            }

            foreach (var wakeUp in claimed)
            {
                Set(wakeUp.CustomerKey, now + lease);
            }
        }

        return Task.FromResult<IReadOnlyList<DueWakeUp>>(claimed);
    }

    public Task<WakeUpBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var due = _byTime.TakeWhile(w => w.DueAt <= now).LongCount();
            DateTimeOffset? earliest = _byTime.Count == 0 ? null : _byTime.Min.DueAt;
            return Task.FromResult(new WakeUpBacklog(_byTime.Count, due, earliest));
        }
    }

    public Task<WakeUpBacklog> ReadBacklogAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        lock (_gate)
        {
            var matching = _byTime.Where(w => w.CustomerKey.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();
            DateTimeOffset? earliest = matching.Count == 0 ? null : matching[0].DueAt;
            return Task.FromResult(new WakeUpBacklog(matching.Count, matching.LongCount(w => w.DueAt <= now), earliest));
        }
    }

    public Task<long> AdvanceAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        lock (_gate)
        {
            var matching = _due.Keys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal)).ToList();
            foreach (var customerKey in matching)
            {
                Set(customerKey, now);
            }

            return Task.FromResult((long)matching.Count);
        }
    }

    private void Set(string customerKey, DateTimeOffset? dueAt)
    {
        if (_due.Remove(customerKey, out var previous))
        {
            _byTime.Remove((previous, customerKey));
        }

        if (dueAt is { } due)
        {
            _due[customerKey] = due;
            _byTime.Add((due, customerKey));
        }
    }
}
