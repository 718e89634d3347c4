namespace ChurnActors.Domain.Events;

/// <summary>An event as committed to the event log: its log sequence number and the customer it belongs to.</summary>
public sealed record LoggedEvent(long Sequence, string CustomerKey, CustomerEvent Event);
