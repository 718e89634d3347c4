using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log kept in process memory, for unit tests and the <c>--in-memory</c> quick look. Same semantics as
/// <see cref="PostgresEventLog"/> (dedupe, identity links, commit order) but nothing survives the process.
/// </summary>
public sealed class InMemoryEventLog(ICommittedEventSink sink) : IEventLog
{
    private readonly Lock _gate = new();
    private readonly List<LoggedEvent> _events = [];
    private readonly HashSet<(string Source, string MessageId)> _seen = [];
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _checkpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastByCustomer = new(StringComparer.Ordinal);

    public Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        List<LoggedEvent> committed = [];
        lock (_gate)
        {
            foreach (var incoming in events)
            {
                var e = incoming.Event;
                if (e is { UserId: { } user, AnonymousId: { } anonymous })
                {
                    _identities.TryAdd(anonymous, user);
                }
            }

            foreach (var incoming in events)
            {
                if (!_seen.Add((incoming.Source, incoming.MessageId)))
                {
                    continue;
                }

                var e = incoming.Event;
                var key = e.UserId
                    ?? (_identities.TryGetValue(e.AnonymousId!, out var linked) ? linked : incoming.DefaultCustomerKey);
                var logged = new LoggedEvent(_events.Count + 1, key, e, _lastByCustomer.GetValueOrDefault(key));
                _lastByCustomer[key] = logged.Sequence;
                _events.Add(logged);
                committed.Add(logged);
            }

            if (committed.Count > 0)
            {
                sink.Committed(committed);
            }
        }

        return Task.FromResult(new AppendResult(committed.Count, events.Count - committed.Count));
    }

    public Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(string customerKey, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<LoggedEvent> found =
                [.. _events.Where(e => e.CustomerKey == customerKey && e.Sequence > afterSequence).Take(limit)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(string anonymousId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_identities.TryGetValue(anonymousId, out var owner) || owner != userId)
            {
                return Task.FromResult<IReadOnlyList<CustomerEvent>>([]);
            }

            var key = IncomingEvent.AnonymousKeyPrefix + anonymousId;
            IReadOnlyList<CustomerEvent> found = [.. _events.Where(e => e.CustomerKey == key).Select(e => e.Event)];
            return Task.FromResult(found);
        }
    }

    public Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_events.Count);
        }
    }

    public Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<string> keys = [.. _events.Where(e => e.Sequence > afterSequence).Select(e => e.CustomerKey).Distinct()];
            return Task.FromResult(keys);
        }
    }

    public IAsyncEnumerable<OrderRecord> ReadOrdersAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        List<OrderRecord> orders;
        lock (_gate)
        {
            orders = [.. _events
                .Where(e => e.Event is { Call: CallType.Track, Name: EcommerceEvents.OrderCompleted } && e.Event.Timestamp < before)
                .Select(e => new OrderRecord(e.CustomerKey, e.Event.Timestamp, e.Event.Commerce.Amount))];
        }

        return orders.ToAsyncEnumerable();
    }

    public Task<long> ReadCheckpointAsync(string node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_checkpoints.GetValueOrDefault(node));
        }
    }

    public Task WriteCheckpointAsync(string node, long appliedThrough, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _checkpoints[node] = appliedThrough;
        }

        return Task.CompletedTask;
    }
}
