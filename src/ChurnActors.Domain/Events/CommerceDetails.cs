namespace ChurnActors.Domain.Events;

/// <summary>The e-commerce fields of an event's properties that the engine uses.</summary>
/// <param name="OrderId">Segment <c>order_id</c>.</param>
/// <param name="Amount">
/// The money the event is about: <c>revenue</c>, else <c>total</c>, else <c>value</c>, else the sum of
/// <c>price * quantity</c> over <c>products</c>; null when the event names no amount.
/// </param>
/// <param name="Coupon">Segment <c>coupon</c>.</param>
/// <param name="Products">Products named by the event (empty when none).</param>
public sealed record CommerceDetails(string? OrderId, decimal? Amount, string? Coupon, IReadOnlyList<ProductLine> Products)
{
    public static CommerceDetails None { get; } = new(null, null, null, []);
}
