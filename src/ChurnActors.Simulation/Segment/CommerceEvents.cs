namespace ChurnActors.Simulation.Segment;

/// <summary>Segment ecommerce spec event names used by the generators.</summary>
public static class CommerceEvents
{
    public const string ProductViewed = "Product Viewed";
    public const string ProductAdded = "Product Added";
    public const string CheckoutStarted = "Checkout Started";
    public const string OrderCompleted = "Order Completed";
    public const string OrderRefunded = "Order Refunded";
}
