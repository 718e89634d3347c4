namespace ChurnActors.Domain.Activity;

/// <summary>An order remembered so that a later refund or cancellation without an amount can reverse it.</summary>
public sealed class RecentOrder
{
    public string OrderId { get; set; } = "";

    public decimal Amount { get; set; }
}
