using ChurnActors.Domain.Events;

namespace ChurnActors.Training.Events;

/// <summary>
/// All events of one customer that a replay needs: those logged under its key plus the anonymous history merged into
/// it at identify, in log order.
/// </summary>
/// <param name="CustomerKey">The customer (grain) key.</param>
/// <param name="Events">Its events, in log order (the replay puts them in time order).</param>
public sealed record CustomerHistory(string CustomerKey, IReadOnlyList<CustomerEvent> Events);
