using Microsoft.ML;
using Microsoft.ML.Data;

namespace ChurnActors.Training.Synthetic;

/// <summary>
/// A seeded synthetic customer population with churn-like features and a label that depends on them (linearly and
/// through a few interactions and thresholds), for tests, benchmarks and demonstrations of training and export.
/// Two features can be missing (NaN), as they are for real customers: the average review score of a customer who
/// never reviewed, and the days since the last login of a customer who never logged in.
/// </summary>
public static class SyntheticChurnData
{
    /// <summary>The number of features.</summary>
    public const int FeatureCount = 12;

    /// <summary>The feature names, in vector order.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "days_since_last_order",
        "orders_90d",
        "orders_365d",
        "sessions_30d",
        "page_views_30d",
        "cart_adds_30d",
        "average_order_value",
        "refunds_365d",
        "average_review_score",
        "days_since_last_login",
        "tenure_days",
        "discount_share",
    ];

    /// <summary>
    /// <paramref name="count"/> customers drawn with <paramref name="seed"/>. Without <paramref name="withMissing"/>
    /// the missing features are filled (review score 4, days since login = days since order), as a linear model needs.
    /// </summary>
    public static IReadOnlyList<SyntheticChurnRow> Generate(int count, int seed, bool withMissing = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var rows = new SyntheticChurnRow[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = Next(random, withMissing);
        }

        return rows;
    }

    /// <summary>The rows as an ML.NET data view whose feature column carries the feature names as slot names.</summary>
    public static IDataView ToDataView(MLContext context, IEnumerable<SyntheticChurnRow> rows)
    {
        ArgumentNullException.ThrowIfNull(context);
        var schema = SchemaDefinition.Create(typeof(SyntheticChurnRow));
        var names = new VBuffer<ReadOnlyMemory<char>>(FeatureCount, FeatureNames.Select(name => name.AsMemory()).ToArray());
        schema[nameof(SyntheticChurnRow.Features)].AddAnnotation(
            "SlotNames", names, new VectorDataViewType(TextDataViewType.Instance, FeatureCount));
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    private static SyntheticChurnRow Next(Random random, bool withMissing)
    {
        var engagement = random.NextDouble();
        var tenure = (float)Math.Round(30 + (random.NextDouble() * 1500));
        var daysSinceOrder = (float)Math.Round(-Math.Log(1 - random.NextDouble()) * (20 + (200 * (1 - engagement))));
        var orders90 = (float)Poisson(random, 0.3 + (3 * engagement));
        var orders365 = orders90 + (float)Poisson(random, 0.5 + (6 * engagement));
        var sessions = (float)Poisson(random, 1 + (25 * engagement));
        var pageViews = sessions * (float)(2 + (random.NextDouble() * 8));
        var cartAdds = (float)Poisson(random, 0.2 + (4 * engagement));
        var orderValue = (float)Math.Round(20 + (-Math.Log(1 - random.NextDouble()) * 60), 2);
        var refunds = (float)Poisson(random, 0.1 + (0.3 * orders365 / 10));
        var reviewed = random.NextDouble() < 0.65;
        var reviewScore = reviewed ? (float)Math.Round(1 + (random.NextDouble() * 4), 1) : float.NaN;
        var loggedIn = random.NextDouble() < 0.85;
        var daysSinceLogin = loggedIn ? (float)Math.Round(daysSinceOrder * random.NextDouble()) : float.NaN;
        var discountShare = (float)Math.Round(random.NextDouble() * random.NextDouble(), 3);

        var logit = -1.2
            + (0.012 * daysSinceOrder)
            - (0.35 * orders90)
            - (0.04 * sessions)
            - (0.15 * cartAdds)
            + (0.45 * refunds)
            + (tenure < 90 ? 0.9 : 0)
            + (reviewed && reviewScore < 2.5 ? 0.8 : 0)
            + (!loggedIn ? 0.5 : 0)
            + (discountShare > 0.5 && orders90 == 0 ? 0.7 : 0)
            - (orderValue > 120 ? 0.3 : 0);
        var churned = random.NextDouble() < 1 / (1 + Math.Exp(-logit));

        if (!withMissing)
        {
            reviewScore = reviewed ? reviewScore : 4f;
            daysSinceLogin = loggedIn ? daysSinceLogin : daysSinceOrder;
        }

        return new SyntheticChurnRow
        {
            Label = churned,
            Features =
            [
                daysSinceOrder, orders90, orders365, sessions, pageViews, cartAdds,
                orderValue, refunds, reviewScore, daysSinceLogin, tenure, discountShare,
            ],
        };
    }

    // Knuth's multiplication method; the means here are small.
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextDouble();
            count++;
        }

        return count;
    }
}
