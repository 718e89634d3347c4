namespace ChurnActors.Domain.Events;

/// <summary>An event as committed to the event log: its log sequence number and the customer it belongs to.</summary>
/// <param name="Sequence">Its position in the log.</param>
/// <param name="CustomerKey">The customer (grain) it belongs to.</param>
/// <param name="Event">The event.</param>
/// <param name="PreviousSequence">
/// The sequence of the same customer's previous event (0 for its first), when known: a grain that has not applied
/// that one has a gap to fill from the log first. Null when unknown.
/// </param>
/// <param name="AnonymousHistoryEmpty">
/// True when the commit of this event linked its anonymousId to its user for the first time and that visitor had no
/// events of its own: the grain merges the (empty) anonymous history without reading the log.
/// </param>
public sealed record LoggedEvent(
    long Sequence, string CustomerKey, CustomerEvent Event, long? PreviousSequence = null, bool AnonymousHistoryEmpty = false);
