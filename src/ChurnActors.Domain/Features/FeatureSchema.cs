namespace ChurnActors.Domain.Features;

/// <summary>
/// The fixed order, names, units and meanings of the churn features: index <c>i</c> of a feature vector is
/// <c>Features[i]</c>. A model snapshot records <see cref="Version"/> and the names it was trained on.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Changes whenever a feature is added or its definition changes.</summary>
    public const int Version = 1;

    private const string Days = "days";
    private const string Count = "count";
    private const string Currency = "currency";
    private const string Ratio = "ratio";

    /// <summary>All features, in vector order.</summary>
    public static IReadOnlyList<FeatureDefinition> Features { get; } =
    [
        new(FeatureId.DaysSinceLastEvent, "days_since_last_event", Days, "Time from the customer's latest event of any kind to the as-of time.", true),
        new(FeatureId.DaysSinceLastOrder, "days_since_last_order", Days, "Time from the latest completed order to the as-of time.", true),
        new(FeatureId.TenureDays, "tenure_days", Days, "Time from the customer's first event to the as-of time.", true),
        new(FeatureId.OrdersTotal, "orders_total", Count, "Completed orders over the customer's lifetime.", false),
        new(FeatureId.NetRevenue, "net_revenue", Currency, "Completed orders' amounts minus refunded and cancelled amounts, lifetime.", false),
        new(FeatureId.AverageOrderValue, "average_order_value", Currency, "Mean amount of the completed orders that named an amount, lifetime.", true),
        new(FeatureId.DaysBetweenOrdersMean, "days_between_orders_mean", Days, "Mean gap between consecutive completed orders, lifetime.", true),
        new(FeatureId.DaysBetweenOrdersStdDev, "days_between_orders_std", Days, "Sample standard deviation of the gaps between consecutive completed orders, lifetime.", true),
        Window(FeatureId.Views7d, "views_7d", 7, "page and screen calls and Product Viewed events"),
        Window(FeatureId.Views30d, "views_30d", 30, "page and screen calls and Product Viewed events"),
        Window(FeatureId.Views90d, "views_90d", 90, "page and screen calls and Product Viewed events"),
        Window(FeatureId.CartAdds7d, "cart_adds_7d", 7, "Product Added events"),
        Window(FeatureId.CartAdds30d, "cart_adds_30d", 30, "Product Added events"),
        Window(FeatureId.CartAdds90d, "cart_adds_90d", 90, "Product Added events"),
        Window(FeatureId.Checkouts7d, "checkouts_7d", 7, "Checkout Started events"),
        Window(FeatureId.Checkouts30d, "checkouts_30d", 30, "Checkout Started events"),
        Window(FeatureId.Checkouts90d, "checkouts_90d", 90, "Checkout Started events"),
        Window(FeatureId.Orders7d, "orders_7d", 7, "Order Completed events"),
        Window(FeatureId.Orders30d, "orders_30d", 30, "Order Completed events"),
        Window(FeatureId.Orders90d, "orders_90d", 90, "Order Completed events"),
        Window(FeatureId.Refunds7d, "refunds_7d", 7, "Order Refunded events"),
        Window(FeatureId.Refunds30d, "refunds_30d", 30, "Order Refunded events"),
        Window(FeatureId.Refunds90d, "refunds_90d", 90, "Order Refunded events"),
        Window(FeatureId.Sessions7d, "sessions_7d", 7, "sessions (counted on the day they start)"),
        Window(FeatureId.Sessions30d, "sessions_30d", 30, "sessions (counted on the day they start)"),
        Window(FeatureId.Sessions90d, "sessions_90d", 90, "sessions (counted on the day they start)"),
        new(FeatureId.EventsTrend30d, "events_trend_30d", Ratio, "(events in the last 30 days - events in the 30 days before) / (events in the 30 days before + 1).", false),
        new(FeatureId.OrdersTrend30d, "orders_trend_30d", Ratio, "(orders in the last 30 days - orders in the 30 days before) / (orders in the 30 days before + 1).", false),
        new(FeatureId.CartAbandonmentRatio90d, "cart_abandonment_ratio_90d", Ratio, "Share of the finished cart sessions of the last 90 days without a completed order in the session.", true),
        new(FeatureId.RefundRatio, "refund_ratio", Ratio, "Order Refunded events per completed order, lifetime.", true),
        new(FeatureId.CouponOrderShare, "coupon_order_share", Ratio, "Share of completed orders that carried a coupon, lifetime.", true),
    ];

    /// <summary>The number of features: the length a destination span needs.</summary>
    public static int Length => Features.Count;

    /// <summary>The position of the feature named <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Features.Count; i++)
        {
            if (string.Equals(Features[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static FeatureDefinition Window(FeatureId id, string name, int days, string what) =>
        new(id, name, Count, $"Number of {what} on the as-of day and the {days - 1} UTC days before it.", false);
}
