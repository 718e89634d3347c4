using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;

namespace ChurnActors.Grains.Customers;

/// <summary>Converts between the domain's events and their wire form.</summary>
public static class EventMapping
{
    public static EventMessage ToMessage(this LoggedEvent logged)
    {
        ArgumentNullException.ThrowIfNull(logged);
        var e = logged.Event;
        var products = e.Commerce.Products.Count == 0 ? [] : new ProductMessage[e.Commerce.Products.Count];
        for (var i = 0; i < products.Length; i++)
        {
            var p = e.Commerce.Products[i];
            products[i] = new ProductMessage(p.ProductId, p.Category, p.Price, p.Quantity);
        }

        return new EventMessage(
            logged.Sequence, (short)e.Call, e.Name, e.Timestamp, e.ReceivedAt, e.UserId, e.AnonymousId,
            e.Commerce.OrderId, e.Commerce.Amount, e.Commerce.Coupon, products, logged.PreviousSequence,
            logged.AnonymousHistoryEmpty);
    }

    public static LoggedEvent ToLogged(this EventMessage message, string customerKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        var commerce = message.OrderId is null && message.Amount is null && message.Coupon is null && message.Products.Length == 0
            ? CommerceDetails.None
            : new CommerceDetails(
                message.OrderId,
                message.Amount,
                message.Coupon,
                Lines(message.Products));
        return new LoggedEvent(
            message.Sequence,
            customerKey,
            new CustomerEvent((CallType)message.Call, message.Name, message.Timestamp, message.ReceivedAt,
                message.UserId, message.AnonymousId, commerce),
            message.PreviousSequence,
            message.AnonymousHistoryEmpty);
    }

    private static ProductLine[] Lines(ProductMessage[] products)
    {
        if (products.Length == 0)
        {
            return [];
        }

        var lines = new ProductLine[products.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var p = products[i];
            lines[i] = new ProductLine(p.ProductId, p.Category, p.Price, p.Quantity);
        }

        return lines;
    }
}
