using System.Runtime.CompilerServices;
using ChurnActors.Domain.Events;

namespace ChurnActors.Training.Events;

/// <summary>
/// Customers' histories held in memory: for tests, and for logs small enough to read whole (a JSON lines file).
/// Events are grouped by the customer key the event log would give them: the userId, else the user an identify
/// linked the anonymousId to (the first link wins, as in the log), else <c>anon:</c> and the anonymousId.
/// </summary>
public sealed class InMemoryHistorySource : ICustomerHistorySource
{
    private readonly IReadOnlyList<CustomerHistory> _customers;

    public InMemoryHistorySource(IReadOnlyList<CustomerHistory> customers, string description = "memory")
    {
        ArgumentNullException.ThrowIfNull(customers);
        _customers = customers;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Groups events (in log order) by the customer key the log resolves for them.</summary>
    public static InMemoryHistorySource FromEvents(IEnumerable<CustomerEvent> events, string description = "memory")
    {
        ArgumentNullException.ThrowIfNull(events);
        var all = events as IReadOnlyList<CustomerEvent> ?? [.. events];
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in all)
        {
            if (e is { UserId: { } user, AnonymousId: { } anonymous })
            {
                links.TryAdd(anonymous, user);
            }
        }

        var byKey = new Dictionary<string, List<CustomerEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in all)
        {
            var key = e.UserId
                ?? (e.AnonymousId is { } anonymous && links.TryGetValue(anonymous, out var linked) ? linked : IncomingEvent.AnonymousKeyPrefix + e.AnonymousId);
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
                order.Add(key);
            }

            list.Add(e);
        }

        return new InMemoryHistorySource([.. order.Select(key => new CustomerHistory(key, byKey[key]))], description);
    }

    public Task<DateTimeOffset?> ReadLatestEventAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? latest = null;
        foreach (var customer in _customers)
        {
            foreach (var e in customer.Events)
            {
                if (latest is null || e.Timestamp > latest)
                {
                    latest = e.Timestamp;
                }
            }
        }

        return Task.FromResult(latest);
    }

    public async IAsyncEnumerable<CustomerHistory> ReadAsync(
        DateTimeOffset before, TrainingProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var customer in _customers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = customer.Events.Where(e => e.Timestamp < before).ToList();
            progress.AddEvents(events.Count);
            if (events.Count > 0)
            {
                yield return customer with { Events = events };
            }
        }
    }
}
