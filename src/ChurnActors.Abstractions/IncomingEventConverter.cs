using ChurnActors.Domain.Events;

namespace ChurnActors.Abstractions;

/// <summary>Converts an <see cref="IncomingEvent"/> to and from its wire form, <see cref="IncomingMessage"/>.</summary>
[RegisterConverter]
public sealed class IncomingEventConverter : IConverter<IncomingEvent, IncomingMessage>
{
    public IncomingEvent ConvertFromSurrogate(in IncomingMessage surrogate)
    {
        var commerce = surrogate.OrderId is null && surrogate.Amount is null && surrogate.Coupon is null && surrogate.Products.Length == 0
            ? CommerceDetails.None
            : new CommerceDetails(surrogate.OrderId, surrogate.Amount, surrogate.Coupon, ProductMessage.ToLines(surrogate.Products));
        var e = new CustomerEvent((CallType)surrogate.Call, surrogate.Name, surrogate.Timestamp, surrogate.ReceivedAt,
            surrogate.UserId, surrogate.AnonymousId, commerce)
        {
            TimeZone = surrogate.TimeZone,
            Country = surrogate.Country,
            Unsubscribed = surrogate.Unsubscribed,
        };
        return new IncomingEvent(surrogate.Source, surrogate.MessageId, surrogate.SentAt, surrogate.PropertiesJson, e);
    }

    public IncomingMessage ConvertToSurrogate(in IncomingEvent value)
    {
        var e = value.Event;
        return new IncomingMessage(
            value.Source, value.MessageId, value.SentAt, value.PropertiesJson, (short)e.Call, e.Name, e.Timestamp,
            e.ReceivedAt, e.UserId, e.AnonymousId, e.Commerce.OrderId, e.Commerce.Amount, e.Commerce.Coupon,
            ProductMessage.FromLines(e.Commerce.Products), e.TimeZone, e.Country, e.Unsubscribed);
    }
}
