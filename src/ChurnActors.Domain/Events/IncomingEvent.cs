namespace ChurnActors.Domain.Events;

/// <summary>A validated event on its way into the event log.</summary>
/// <param name="Source">The ingest source (one per write key); the dedupe scope of <paramref name="MessageId"/>.</param>
/// <param name="MessageId">The client's message id (or one derived from the message bytes when absent).</param>
/// <param name="SentAt">The client's <c>sentAt</c>, if any.</param>
/// <param name="PropertiesJson">
/// The raw JSON of <c>properties</c> (track/page/screen) or <c>traits</c> (identify/group), as the UTF-8 bytes that were
/// sent: the log stores them as text without decoding them into a string first.
/// </param>
/// <param name="Event">The parsed event.</param>
public sealed record IncomingEvent(
    string Source,
    string MessageId,
    DateTimeOffset? SentAt,
    byte[]? PropertiesJson,
    CustomerEvent Event)
{
    /// <summary>The prefix of customer keys of visitors known only by their anonymousId.</summary>
    public const string AnonymousKeyPrefix = "anon:";

    /// <summary>The customer key when no identity link applies: the userId, else the prefixed anonymousId.</summary>
    public string DefaultCustomerKey => Event.UserId ?? AnonymousKeyPrefix + Event.AnonymousId;
}
