namespace ChurnActors.Abstractions;

/// <summary>A committed event on its way to its customer's grain.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.EventMessage")]
public sealed record EventMessage(
    [property: Id(0)] long Sequence,
    [property: Id(1)] short Call,
    [property: Id(2)] string? Name,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] DateTimeOffset ReceivedAt,
    [property: Id(5)] string? UserId,
    [property: Id(6)] string? AnonymousId,
    [property: Id(7)] string? OrderId,
    [property: Id(8)] decimal? Amount,
    [property: Id(9)] string? Coupon,
    [property: Id(10)] ProductMessage[] Products,
    [property: Id(11)] long? PreviousSequence,
    [property: Id(12)] bool AnonymousHistoryEmpty = false);
