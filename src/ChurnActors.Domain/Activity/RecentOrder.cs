namespace ChurnActors.Domain.Activity;

/// <summary>An order remembered so that a later refund or cancellation without an amount can reverse it.</summary>
/// <remarks>A value, kept inline in the customer's list, like <see cref="ChurnActors.Domain.Features.OrderMark"/>.</remarks>
public struct RecentOrder
{
    public RecentOrder()
    {
    }

    public string OrderId { get; set; } = "";

    public decimal Amount { get; set; }
}
