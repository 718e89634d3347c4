using System.Text;

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

    private static readonly string[] Names =
    [
        ProductsSearched, ProductListViewed, ProductClicked, ProductViewed, ProductAdded, ProductRemoved, CartViewed,
        CheckoutStarted, CheckoutStepCompleted, PaymentInfoEntered, OrderCompleted, OrderUpdated, OrderRefunded,
        OrderCancelled, CouponEntered, CouponApplied, CouponDenied, CouponRemoved, ProductAddedToWishlist,
        ProductRemovedFromWishlist, ProductShared, CartShared, ProductReviewed,
    ];

    private static readonly byte[][] Utf8Names = [.. Names.Select(Encoding.UTF8.GetBytes)];

    /// <summary>
    /// The spec's own string for an event name given as UTF-8 bytes, or null when it is not one of the spec's names
    /// (names are case-sensitive). Ingest uses it so that every event of a known type shares one name string, in
    /// flight and in the customers' counts, instead of carrying a copy each.
    /// </summary>
    public static string? Find(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(Utf8Names[i]))
            {
                return Names[i];
            }
        }

        return null;
    }
}
