namespace ChurnActors.Domain.Events;

/// <summary>Event names of the Segment e-commerce spec v2 that the engine interprets.</summary>
public static class EcommerceEvents
{
    public const string ProductsSearched = "Products Searched";
    public const string ProductListViewed = "Product List Viewed";
    public const string ProductClicked = "Product Clicked";
    public const string ProductViewed = "Product Viewed";
    public const string ProductAdded = "Product Added";
    public const string ProductRemoved = "Product Removed";
    public const string CartViewed = "Cart Viewed";
    public const string CheckoutStarted = "Checkout Started";
    public const string CheckoutStepCompleted = "Checkout Step Completed";
    public const string PaymentInfoEntered = "Payment Info Entered";
    public const string OrderCompleted = "Order Completed";
    public const string OrderUpdated = "Order Updated";
    public const string OrderRefunded = "Order Refunded";
    public const string OrderCancelled = "Order Cancelled";
    public const string CouponEntered = "Coupon Entered";
    public const string CouponApplied = "Coupon Applied";
    public const string CouponDenied = "Coupon Denied";
    public const string CouponRemoved = "Coupon Removed";
    public const string ProductAddedToWishlist = "Product Added to Wishlist";
    public const string ProductRemovedFromWishlist = "Product Removed from Wishlist";
    public const string ProductShared = "Product Shared";
    public const string CartShared = "Cart Shared";
    public const string ProductReviewed = "Product Reviewed";
}
