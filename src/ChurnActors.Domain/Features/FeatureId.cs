namespace ChurnActors.Domain.Features;

/// <summary>
/// The position of each feature in a feature vector (see <see cref="FeatureSchema"/>). Models are trained on this
/// order: append new features at the end and bump <see cref="FeatureSchema.Version"/>; never renumber.
/// </summary>
public enum FeatureId
{
    DaysSinceLastEvent,
    DaysSinceLastOrder,
    TenureDays,
    OrdersTotal,
    NetRevenue,
    AverageOrderValue,
    DaysBetweenOrdersMean,
    DaysBetweenOrdersStdDev,
    Views7d,
    Views30d,
    Views90d,
    CartAdds7d,
    CartAdds30d,
    CartAdds90d,
    Checkouts7d,
    Checkouts30d,
    Checkouts90d,
    Orders7d,
    Orders30d,
    Orders90d,
    Refunds7d,
    Refunds30d,
    Refunds90d,
    Sessions7d,
    Sessions30d,
    Sessions90d,
    EventsTrend30d,
    OrdersTrend30d,
    CartAbandonmentRatio90d,
    RefundRatio,
    CouponOrderShare,
}
