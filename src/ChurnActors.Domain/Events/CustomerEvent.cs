namespace ChurnActors.Domain.Events;

/// <summary>
/// One behaviour event of a customer, as the feature code sees it: the same value whether it arrives live from
/// ingest or is read back from the event log.
/// </summary>
/// <param name="Call">The Segment call.</param>
/// <param name="Name">The event name of a <c>track</c> call, the page/screen name otherwise (may be null).</param>
/// <param name="Timestamp">When it happened, corrected for client clock skew.</param>
/// <param name="ReceivedAt">When the engine received it.</param>
/// <param name="UserId">The shop's customer id, if known.</param>
/// <param name="AnonymousId">The device/browser id, if sent.</param>
/// <param name="Commerce">E-commerce properties.</param>
public sealed record CustomerEvent(
    CallType Call,
    string? Name,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    string? UserId,
    string? AnonymousId,
    CommerceDetails Commerce)
{
    /// <summary>
    /// The key events are counted under: the event name for <c>track</c> (e.g. "Order Completed"),
    /// the call name otherwise (e.g. "page", "identify").
    /// </summary>
    public string TypeKey => Call == CallType.Track && Name is not null ? Name : Call.ToWireName();

    /// <summary>The customer's IANA time zone as sent in <c>context.timezone</c> (e.g. "Europe/Berlin"), if any.</summary>
    public string? TimeZone { get; init; }

    /// <summary>
    /// The <c>unsubscribed</c> trait when the event carries one (<c>traits</c> of an identify call, or
    /// <c>context.traits</c> of any call): true unsubscribes, false subscribes again; null when not sent.
    /// </summary>
    public bool? Unsubscribed { get; init; }

    /// <summary>
    /// The customer's country as sent: <c>traits.address.country</c>, else <c>traits.country</c>, else
    /// <c>context.location.country</c>; null when none is sent.
    /// </summary>
    public string? Country { get; init; }
}
