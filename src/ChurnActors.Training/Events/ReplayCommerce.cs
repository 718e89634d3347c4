using ChurnActors.Domain.Events;

namespace ChurnActors.Training.Events;

/// <summary>
/// Which events need their properties parsed for a replay. The model's features read the amount, coupon and order id
/// of orders, refunds and cancellations only; the products other events name feed the decayed top lists, which are
/// explanations, not model input. Leaving those properties unparsed makes reading the log several times faster and
/// changes no feature value.
/// </summary>
public static class ReplayCommerce
{
    /// <summary>The event names whose properties the features use.</summary>
    public static IReadOnlyList<string> ParsedEvents { get; } =
        [EcommerceEvents.OrderCompleted, EcommerceEvents.OrderRefunded, EcommerceEvents.OrderCancelled];

    /// <summary>
    /// The details of an order, refund or cancellation as the features use them: amount, coupon and order id, without
    /// the products (they feed only the top lists). What a reader keeps for millions of orders at once.
    /// </summary>
    public static CommerceDetails Parse(string propertiesJson)
    {
        var parsed = CommerceParser.Parse(propertiesJson);
        return parsed.Products.Count == 0 ? parsed : new CommerceDetails(parsed.OrderId, parsed.Amount, parsed.Coupon, []);
    }

    /// <summary>True when an event of this call and name needs its properties.</summary>
    public static bool NeedsProperties(CallType call, string? name) =>
        call == CallType.Track && name is EcommerceEvents.OrderCompleted or EcommerceEvents.OrderRefunded or EcommerceEvents.OrderCancelled;
}
