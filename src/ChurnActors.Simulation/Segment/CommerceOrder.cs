namespace ChurnActors.Simulation.Segment;

/// <summary>An order as carried by Checkout Started, Order Completed and Order Refunded.</summary>
public sealed record CommerceOrder(string OrderId, IReadOnlyList<OrderLine> Lines, string Currency = "USD")
{
    public decimal Total => Lines.Sum(l => l.Amount);
}
