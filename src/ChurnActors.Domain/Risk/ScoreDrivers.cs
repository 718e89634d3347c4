using System.Globalization;
using ChurnActors.Domain.Features;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// Turns per-feature contributions to a churn score into the few reasons a campaign manager reads, e.g.
/// "no order for 94 days (usually every 21)". Only features that push the risk up are named, strongest first.
/// </summary>
public static class ScoreDrivers
{
    /// <summary>How many drivers a score names.</summary>
    public const int Count = 3;

    /// <summary>
    /// The strongest risk-raising drivers: <paramref name="contributions"/> and <paramref name="features"/> are in
    /// <see cref="FeatureSchema"/> order.
    /// </summary>
    public static IReadOnlyList<string> Explain(ReadOnlySpan<double> contributions, ReadOnlySpan<float> features, int count = Count)
    {
        if (contributions.Length != FeatureSchema.Length || features.Length != FeatureSchema.Length)
        {
            throw new ArgumentException($"Contributions and features must both have the schema's {FeatureSchema.Length} entries.");
        }

        var raising = new List<(double Weight, int Index)>();
        for (var i = 0; i < contributions.Length; i++)
        {
            if (contributions[i] > 0 && double.IsFinite(contributions[i]))
            {
                raising.Add((contributions[i], i));
            }
        }

        raising.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var drivers = new List<string>(Math.Min(count, raising.Count));
        foreach (var (_, index) in raising.Take(count))
        {
            drivers.Add(Describe((FeatureId)index, features));
        }

        return drivers;
    }

    /// <summary>One feature's value in words, with the context that makes it meaningful.</summary>
    public static string Describe(FeatureId feature, ReadOnlySpan<float> features)
    {
        var value = features[(int)feature];
        return feature switch
        {
            FeatureId.DaysSinceLastOrder when float.IsNaN(value) => "has never ordered",
            FeatureId.DaysSinceLastOrder => OrderGap(value, features[(int)FeatureId.DaysBetweenOrdersMean]),
            FeatureId.DaysSinceLastEvent => float.IsNaN(value) ? "no activity yet" : $"no visit for {Days(value)}",
            FeatureId.TenureDays => $"a customer for only {Days(value)}",
            FeatureId.OrdersTotal => value < 1 ? "no order yet" : $"only {Whole(value)} order{Plural(value)} so far",
            FeatureId.NetRevenue => $"spent {Money(value)} in all, net of refunds",
            FeatureId.AverageOrderValue => $"orders average {Money(value)}",
            FeatureId.DaysBetweenOrdersMean => $"orders usually {Days(value)} apart",
            FeatureId.DaysBetweenOrdersStdDev => $"irregular ordering (gaps vary by {Days(value)})",
            FeatureId.EventsTrend30d => Trend(value, "activity"),
            FeatureId.OrdersTrend30d => Trend(value, "orders"),
            FeatureId.CartAbandonmentRatio90d => $"left {Percent(value)} of carts without ordering in the last 90 days",
            FeatureId.RefundRatio => $"{Percent(value)} of orders refunded",
            FeatureId.CouponOrderShare => $"{Percent(value)} of orders used a coupon",
            _ => Window(feature, value),
        };
    }

    private static string OrderGap(float daysSince, float usualGap) =>
        float.IsNaN(usualGap)
            ? $"no order for {Days(daysSince)}"
            : $"no order for {Days(daysSince)} (usually every {Whole(usualGap)})";

    private static string Trend(float value, string what) => value switch
    {
        float.NaN => $"{what} trend unknown",
        < 0 => $"{what} down {Percent(-Math.Min(1, value))} on the previous 30 days",
        _ => $"{what} up {Percent(value)} on the previous 30 days",
    };

    private static string Window(FeatureId feature, float value)
    {
        var definition = FeatureSchema.Features[(int)feature];
        var name = definition.Name;
        var days = name[(name.LastIndexOf('_') + 1)..^1];
        var what = name[..name.LastIndexOf('_')].Replace('_', ' ');
        return value < 1 ? $"no {what} in the last {days} days" : $"only {Whole(value)} {what} in the last {days} days";
    }

    private static string Days(float days) => Whole(days) == "1" ? "1 day" : $"{Whole(days)} days";

    private static string Whole(float value) => Math.Round(value).ToString("0", CultureInfo.InvariantCulture);

    private static string Plural(float value) => Math.Round(value) == 1 ? string.Empty : "s";

    private static string Money(float value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(float ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
