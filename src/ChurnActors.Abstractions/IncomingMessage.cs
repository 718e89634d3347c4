using ChurnActors.Domain.Events;

namespace ChurnActors.Abstractions;

/// <summary>
/// The wire form of a validated event on its way into the event log (<see cref="IncomingEvent"/>) when the ingest of
/// one silo hands it to the log writer of another (<see cref="ILogWriterGrain"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.IncomingMessage")]
public readonly record struct IncomingMessage(
    [property: Id(0)] string Source,
    [property: Id(1)] string MessageId,
    [property: Id(2)] DateTimeOffset? SentAt,
    [property: Id(3)] byte[]? PropertiesJson,
    [property: Id(4)] short Call,
    [property: Id(5)] string? Name,
    [property: Id(6)] DateTimeOffset Timestamp,
    [property: Id(7)] DateTimeOffset ReceivedAt,
    [property: Id(8)] string? UserId,
    [property: Id(9)] string? AnonymousId,
    [property: Id(10)] string? OrderId,
    [property: Id(11)] decimal? Amount,
    [property: Id(12)] string? Coupon,
    [property: Id(13)] ProductMessage[] Products,
    [property: Id(14)] string? TimeZone,
    [property: Id(15)] string? Country,
    [property: Id(16)] bool? Unsubscribed);
