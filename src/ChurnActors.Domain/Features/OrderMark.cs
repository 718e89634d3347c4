namespace ChurnActors.Domain.Features;

/// <summary>
/// One of a customer's latest completed orders: when (for the gaps between orders) and how much (so that a refund or
/// cancellation naming only the order id reverses the right amount, once).
/// </summary>
/// <remarks>
/// A value, kept inline in the customer's list: an order costs the customer no object of its own, so the collector
/// does not find a young object behind every long-lived customer that ordered since its last collection.
/// </remarks>
public struct OrderMark
{
    public DateTimeOffset At { get; set; }

    public string? OrderId { get; set; }

    /// <summary>The order's amount, 0 when it named none.</summary>
    public decimal Amount { get; set; }

    /// <summary>The part of <see cref="Amount"/> refunded or cancelled so far.</summary>
    public decimal Reversed { get; set; }
}
