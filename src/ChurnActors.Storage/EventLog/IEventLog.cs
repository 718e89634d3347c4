using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The durable, append-only log of every acknowledged event. Appends from concurrent callers are committed
/// together (group commit); a returned task means the events are durable.
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Appends events (all of one request) and completes once they are committed. Events whose
    /// (source, messageId) is already in the log are ignored and counted as duplicates.
    /// </summary>
    /// <exception cref="EventLogUnavailableException">The store cannot be reached; nothing of the request was written.</exception>
    Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken);

    /// <summary>One customer's events after <paramref name="afterSequence"/>, in log order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(string customerKey, long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// What the anonymous visitor <paramref name="anonymousId"/> did before it was linked to <paramref name="userId"/>;
    /// empty unless the link belongs to that user.
    /// </summary>
    Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(string anonymousId, string userId, CancellationToken cancellationToken);

    /// <summary>The highest sequence committed so far (0 for an empty log).</summary>
    Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>Customers with at least one event after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>Every completed order (Order Completed) that happened before <paramref name="before"/>, in log order.</summary>
    IAsyncEnumerable<OrderRecord> ReadOrdersAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>The node's recorded watermark: events up to it are in persisted grain state (0 if none).</summary>
    Task<long> ReadCheckpointAsync(string node, CancellationToken cancellationToken);

    Task WriteCheckpointAsync(string node, long appliedThrough, CancellationToken cancellationToken);
}
