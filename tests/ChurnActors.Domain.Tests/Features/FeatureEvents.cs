using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;

namespace ChurnActors.Domain.Tests.Features;

/// <summary>Builders for the events and vectors of the feature tests.</summary>
internal static class FeatureEvents
{
    /// <summary>Noon UTC on a Monday: whole-day offsets from it stay at noon.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    public static CustomerEvent Page(DateTimeOffset at) =>
        new(CallType.Page, null, at, at, "u1", null, CommerceDetails.None);

    public static CustomerEvent Screen(DateTimeOffset at) =>
        new(CallType.Screen, null, at, at, "u1", null, CommerceDetails.None);

    public static CustomerEvent Identify(DateTimeOffset at) =>
        new(CallType.Identify, null, at, at, "u1", null, CommerceDetails.None);

    public static CustomerEvent Track(string name, DateTimeOffset at, CommerceDetails? commerce = null) =>
        new(CallType.Track, name, at, at, "u1", null, commerce ?? CommerceDetails.None);

    public static CustomerEvent Viewed(DateTimeOffset at, string? productId = null, string? category = null) =>
        Track(EcommerceEvents.ProductViewed, at, WithProduct(productId, category));

    public static CustomerEvent Added(DateTimeOffset at, string? productId = null, string? category = null) =>
        Track(EcommerceEvents.ProductAdded, at, WithProduct(productId, category));

    public static CustomerEvent Checkout(DateTimeOffset at) => Track(EcommerceEvents.CheckoutStarted, at);

    public static CustomerEvent Order(DateTimeOffset at, string orderId, decimal? amount = null, string? coupon = null, params ProductLine[] products) =>
        Track(EcommerceEvents.OrderCompleted, at, new CommerceDetails(orderId, amount, coupon, products));

    public static CustomerEvent Refund(DateTimeOffset at, string orderId, decimal? amount = null) =>
        Track(EcommerceEvents.OrderRefunded, at, new CommerceDetails(orderId, amount, null, []));

    public static CustomerEvent Cancel(DateTimeOffset at, string orderId, decimal? amount = null) =>
        Track(EcommerceEvents.OrderCancelled, at, new CommerceDetails(orderId, amount, null, []));

    public static CustomerFeatures Build(params IEnumerable<CustomerEvent> events)
    {
        var features = new CustomerFeatures();
        foreach (var customerEvent in events)
        {
            features.Apply(customerEvent);
        }

        return features;
    }

    public static float[] VectorAsOf(this CustomerFeatures features, DateTimeOffset asOf)
    {
        var vector = new float[FeatureSchema.Length];
        features.WriteAsOf(asOf, vector);
        return vector;
    }

    public static float Get(this float[] vector, FeatureId id) => vector[(int)id];

    private static CommerceDetails WithProduct(string? productId, string? category) =>
        productId is null && category is null
            ? CommerceDetails.None
            : new CommerceDetails(null, null, null, [new ProductLine(productId, category, null, 1)]);
}
