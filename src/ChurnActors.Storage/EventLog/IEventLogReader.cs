using ChurnActors.Domain.Events;

namespace ChurnActors.Storage.EventLog;

/// <summary>Reads what the event log has committed.</summary>
public interface IEventLogReader
{
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
}
