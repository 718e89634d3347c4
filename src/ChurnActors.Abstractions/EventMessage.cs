using ChurnActors.Domain.Events;

namespace ChurnActors.Abstractions;

/// <summary>
/// The wire form of a committed event (<see cref="LoggedEvent"/>) when a delivery crosses silos. Within a silo the
/// grain receives the log writer's own <see cref="LoggedEvent"/> objects (the parameter is immutable, so Orleans
/// neither copies nor converts them); only a message to another silo goes through this surrogate.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.EventMessage")]
public readonly record struct EventMessage(
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
    [property: Id(12)] bool AnonymousHistoryEmpty,
    [property: Id(13)] string CustomerKey,
    [property: Id(14)] string? TimeZone = null,
    [property: Id(15)] string? Country = null,
    [property: Id(16)] bool? Unsubscribed = null);

/// <summary>Converts a <see cref="LoggedEvent"/> to and from its wire form, <see cref="EventMessage"/>.</summary>
[RegisterConverter]
public sealed class LoggedEventConverter : IConverter<LoggedEvent, EventMessage>
{
    public LoggedEvent ConvertFromSurrogate(in EventMessage surrogate)
    {
        var commerce = surrogate.OrderId is null && surrogate.Amount is null && surrogate.Coupon is null && surrogate.Products.Length == 0
            ? CommerceDetails.None
            : new CommerceDetails(surrogate.OrderId, surrogate.Amount, surrogate.Coupon, ProductMessage.ToLines(surrogate.Products));
        return new LoggedEvent(
            surrogate.Sequence,
            surrogate.CustomerKey,
            new CustomerEvent((CallType)surrogate.Call, surrogate.Name, surrogate.Timestamp, surrogate.ReceivedAt,
                surrogate.UserId, surrogate.AnonymousId, commerce)
            {
                TimeZone = surrogate.TimeZone,
                Country = surrogate.Country,
                Unsubscribed = surrogate.Unsubscribed,
            },
            surrogate.PreviousSequence,
            surrogate.AnonymousHistoryEmpty);
    }

    public EventMessage ConvertToSurrogate(in LoggedEvent value)
    {
        var e = value.Event;
        var products = ProductMessage.FromLines(e.Commerce.Products);
        return new EventMessage(
            value.Sequence, (short)e.Call, e.Name, e.Timestamp, e.ReceivedAt, e.UserId, e.AnonymousId,
            e.Commerce.OrderId, e.Commerce.Amount, e.Commerce.Coupon, products, value.PreviousSequence,
            value.AnonymousHistoryEmpty, value.CustomerKey, e.TimeZone, e.Country, e.Unsubscribed);
    }
}
