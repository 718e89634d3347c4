using System.Text.Json;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using static ChurnActors.Domain.Tests.Features.FeatureEvents;

namespace ChurnActors.Domain.Tests.Features;

public sealed class CustomerFeaturesTests
{
    private static readonly JsonSerializerOptions StorageJson = new(JsonSerializerDefaults.General);

    [Fact]
    public void WriteAsOf_GivesRecencyTenureAndMoney_ForAHandComputedHistory()
    {
        var features = Build(
            Page(Noon),
            Order(Noon.AddDays(1), "o1", 100m, coupon: "SAVE10"),
            Order(Noon.AddDays(4), "o2", 50m),
            Order(Noon.AddDays(10), "o3"),
            Refund(Noon.AddDays(12), "o2"),
            Cancel(Noon.AddDays(13), "o1", 20m));

        var v = features.VectorAsOf(Noon.AddDays(20));

        Assert.Equal(7f, v.Get(FeatureId.DaysSinceLastEvent));
        Assert.Equal(10f, v.Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(20f, v.Get(FeatureId.TenureDays));
        Assert.Equal(3f, v.Get(FeatureId.OrdersTotal));
        Assert.Equal(80f, v.Get(FeatureId.NetRevenue)); // 150 ordered - 50 refunded (the whole of o2) - 20 cancelled
        Assert.Equal(75f, v.Get(FeatureId.AverageOrderValue)); // o3 named no amount
        Assert.Equal(4.5f, v.Get(FeatureId.DaysBetweenOrdersMean)); // gaps 3 and 6 days
        AssertNear(Math.Sqrt(4.5), v.Get(FeatureId.DaysBetweenOrdersStdDev));
        AssertNear(1.0 / 3, v.Get(FeatureId.RefundRatio));
        AssertNear(1.0 / 3, v.Get(FeatureId.CouponOrderShare));
    }

    [Fact]
    public void Apply_ReversesWhatIsLeftOfAnOrder_WhenAPartialRefundIsFollowedByOneWithoutAmount()
    {
        var features = Build(
            Order(Noon, "o1", 100m),
            Refund(Noon.AddDays(1), "o1", 30m),
            Refund(Noon.AddDays(2), "o1"),
            Refund(Noon.AddDays(3), "o1"));

        Assert.Equal(0m, features.NetRevenue);
        Assert.Equal(100m, features.RefundedAmount);
    }

    [Fact]
    public void WriteAsOf_CountsViewsInEachWindow_IncludingTheAsOfDayAndNotTheDayAfterTheWindow()
    {
        var asOf = Noon.AddDays(100);
        var features = Build(
            Page(AgeDays(asOf, 90)),
            Page(AgeDays(asOf, 89)),
            Page(AgeDays(asOf, 30)),
            Viewed(AgeDays(asOf, 29)),
            Screen(AgeDays(asOf, 7)),
            Page(AgeDays(asOf, 6)),
            Viewed(AgeDays(asOf, 0)));

        var v = features.VectorAsOf(asOf);

        Assert.Equal(2f, v.Get(FeatureId.Views7d));
        Assert.Equal(4f, v.Get(FeatureId.Views30d));
        Assert.Equal(6f, v.Get(FeatureId.Views90d));
    }

    [Fact]
    public void WriteAsOf_CountsCartAddsCheckoutsOrdersRefundsAndSessionsInTheirWindows()
    {
        var asOf = Noon.AddDays(100);
        var features = Build(
            Order(AgeDays(asOf, 40), "o1", 10m),
            Checkout(AgeDays(asOf, 10)),
            Refund(AgeDays(asOf, 5), "o1"),
            Added(AgeDays(asOf, 3)),
            Added(AgeDays(asOf, 3).AddMinutes(5)));

        var v = features.VectorAsOf(asOf);

        Assert.Equal([2f, 2f, 2f], Windows(v, FeatureId.CartAdds7d));
        Assert.Equal([0f, 1f, 1f], Windows(v, FeatureId.Checkouts7d));
        Assert.Equal([0f, 0f, 1f], Windows(v, FeatureId.Orders7d));
        Assert.Equal([1f, 1f, 1f], Windows(v, FeatureId.Refunds7d));
        Assert.Equal([1f, 2f, 3f], Windows(v, FeatureId.Sessions7d)); // the refund is no visit
    }

    [Fact]
    public void WriteAsOf_SlidesWindowsAndGrowsRecency_WhenTimePassesWithoutEvents()
    {
        var features = Build(Page(Noon), Order(Noon.AddHours(1), "o1", 25m));
        var orderAt = Noon.AddHours(1);

        var day29 = features.VectorAsOf(orderAt.AddDays(29));
        var day30 = features.VectorAsOf(orderAt.AddDays(30));
        var day31 = features.VectorAsOf(orderAt.AddDays(31));
        var day90 = features.VectorAsOf(orderAt.AddDays(90));

        Assert.Equal(1f, day29.Get(FeatureId.Orders30d));
        Assert.Equal(0f, day30.Get(FeatureId.Orders30d));
        Assert.Equal(0f, day31.Get(FeatureId.Orders30d));
        Assert.Equal(1f, day31.Get(FeatureId.Orders90d));
        Assert.Equal(0f, day90.Get(FeatureId.Orders90d));
        Assert.Equal(0f, day90.Get(FeatureId.Sessions90d));
        Assert.Equal(29f, day29.Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(31f, day31.Get(FeatureId.DaysSinceLastEvent));
        AssertNear(31 + (1.0 / 24), day31.Get(FeatureId.TenureDays));
        Assert.Equal(1f, day90.Get(FeatureId.OrdersTotal));
        Assert.Equal(day29, features.VectorAsOf(orderAt.AddDays(29))); // writing changes nothing
    }

    [Fact]
    public void WriteAsOf_ComparesTheLast30DaysWithThe30DaysBefore()
    {
        var asOf = Noon.AddDays(100);
        var features = Build(
            Order(AgeDays(asOf, 60), "o0", 5m), // in neither period
            Order(AgeDays(asOf, 59), "o1", 5m),
            Order(AgeDays(asOf, 35), "o2", 5m),
            Page(AgeDays(asOf, 30)),
            Page(AgeDays(asOf, 29)),
            Page(AgeDays(asOf, 3)),
            Page(AgeDays(asOf, 2)),
            Identify(AgeDays(asOf, 1)));

        var v = features.VectorAsOf(asOf);

        Assert.Equal(0.25f, v.Get(FeatureId.EventsTrend30d)); // (4 - 3) / (3 + 1)
        AssertNear(-2.0 / 3, v.Get(FeatureId.OrdersTrend30d)); // (0 - 2) / (2 + 1)
    }

    [Fact]
    public void Apply_StartsANewSession_OnlyAfterMoreThan30MinutesWithoutAVisit()
    {
        var ten = Noon.AddHours(-2);
        var features = Build(
            Page(ten),
            Page(ten.AddMinutes(20)),
            Viewed(ten.AddMinutes(50)), // exactly 30 minutes later: same session
            Page(ten.AddMinutes(81)), // 31 minutes later: a new one
            Page(ten.AddHours(3)),
            Identify(ten.AddHours(5)), // profile calls and backend refunds are no visits
            Refund(ten.AddHours(6), "o9", 5m));

        Assert.Equal(3f, features.VectorAsOf(ten.AddHours(7)).Get(FeatureId.Sessions7d));
    }

    [Fact]
    public void Apply_MergesTwoSessions_WhenALateEventBridgesTheirGap()
    {
        var ten = Noon.AddHours(-2);
        var features = Build(Page(ten), Page(ten.AddMinutes(50)));
        Assert.Equal(2f, features.VectorAsOf(ten.AddHours(1)).Get(FeatureId.Sessions7d));

        features.Apply(Page(ten.AddMinutes(25)));

        Assert.Equal(1f, features.VectorAsOf(ten.AddHours(1)).Get(FeatureId.Sessions7d));
        Assert.Single(features.Sessions);
    }

    [Fact]
    public void Apply_MovesASessionToTheDayItStarts_WhenALateEventExtendsItBackAcrossMidnight()
    {
        var midnight = new DateTimeOffset(Noon.UtcDateTime.Date.AddDays(10), TimeSpan.Zero);
        var asOf = midnight.AddDays(6).AddHours(12); // the late event's day is 7 days old, the other one's 6
        var features = Build(Page(midnight.AddMinutes(10)));
        Assert.Equal(1f, features.VectorAsOf(asOf).Get(FeatureId.Sessions7d));

        features.Apply(Page(midnight.AddMinutes(-10)));

        var v = features.VectorAsOf(asOf);
        Assert.Equal(0f, v.Get(FeatureId.Sessions7d));
        Assert.Equal(1f, v.Get(FeatureId.Sessions30d));
        Assert.Equal(1f, v.Get(FeatureId.Views7d));
        Assert.Equal(2f, v.Get(FeatureId.Views30d));
    }

    [Fact]
    public void Apply_TakesALateVisitAsPartOfAForgottenSession_AndCountsOneBetweenKeptSessions()
    {
        var features = Build(Enumerable.Range(0, 10).Select(day => Page(Noon.AddDays(day))));
        var asOf = Noon.AddDays(10);
        Assert.Equal(10f, features.VectorAsOf(asOf).Get(FeatureId.Sessions30d));
        Assert.Equal(CustomerFeatures.SessionsKept, features.Sessions.Count);

        features.Apply(Page(Noon.AddDays(1).AddMinutes(10))); // 10 minutes after a session no longer kept
        Assert.Equal(10f, features.VectorAsOf(asOf).Get(FeatureId.Sessions30d));

        features.Apply(Page(Noon.AddDays(5).AddHours(6))); // between two kept sessions
        Assert.Equal(11f, features.VectorAsOf(asOf).Get(FeatureId.Sessions30d));
        Assert.Equal(12f, features.VectorAsOf(asOf).Get(FeatureId.Views30d));
    }

    [Fact]
    public void Apply_CountsALateEventOnTheDayOfItsTimestamp_WhenThatDayIsInsideTheWindow()
    {
        var newest = Noon.AddDays(200);
        var features = Build(Page(newest));

        features.Apply(Order(newest.AddDays(-10), "o1", 30m));

        var v = features.VectorAsOf(newest);
        Assert.Equal(0f, v.Get(FeatureId.Orders7d));
        Assert.Equal(1f, v.Get(FeatureId.Orders30d));
        Assert.Equal(10f, v.Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(0f, v.Get(FeatureId.DaysSinceLastEvent));
    }

    [Fact]
    public void Apply_CountsAnEventOlderThanTheWindow_OnlyInLifetimeFigures()
    {
        var newest = Noon.AddDays(200);
        var features = Build(Page(newest), Order(newest.AddDays(-10), "o1", 30m));

        features.Apply(Order(newest.AddDays(-120), "o0", 20m));

        var v = features.VectorAsOf(newest);
        Assert.Equal(1f, v.Get(FeatureId.Orders90d));
        Assert.Equal(2f, v.Get(FeatureId.OrdersTotal));
        Assert.Equal(50f, v.Get(FeatureId.NetRevenue));
        Assert.Equal(120f, v.Get(FeatureId.TenureDays));
        Assert.Equal(10f, v.Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(110f, v.Get(FeatureId.DaysBetweenOrdersMean));
        Assert.Equal(2f, v.Get(FeatureId.Sessions90d)); // the old order's session is outside every window
    }

    [Fact]
    public void Apply_GivesTheSameOrderGaps_WhenOrdersArriveOutOfTimeOrder()
    {
        int[] days = [8, 0, 20, 2, 7]; // sorted gaps 2, 5, 1, 12: mean 5, sample variance 74 / 3
        var shuffled = Build(days.Select((day, i) => Order(Noon.AddDays(day), "o" + i, 10m)));
        var sorted = Build(days.Order().Select((day, i) => Order(Noon.AddDays(day), "o" + i, 10m)));
        var asOf = Noon.AddDays(30);

        var v = shuffled.VectorAsOf(asOf);

        Assert.Equal(5f, v.Get(FeatureId.DaysBetweenOrdersMean));
        AssertNear(Math.Sqrt(74.0 / 3), v.Get(FeatureId.DaysBetweenOrdersStdDev));
        AssertNear(sorted.VectorAsOf(asOf).Get(FeatureId.DaysBetweenOrdersStdDev), v.Get(FeatureId.DaysBetweenOrdersStdDev));
        Assert.Equal(10f, v.Get(FeatureId.DaysSinceLastOrder));
    }

    [Fact]
    public void Apply_WritesTheSameVectorAsATimestampOrderedReplay_WhenEventsArriveUpToTwoHoursLate()
    {
        var random = new Random(5);
        var history = new List<CustomerEvent>();
        for (var day = 0; day < 40; day++)
        {
            foreach (var sessionStart in new[] { Noon.AddDays(day).AddHours(-3), Noon.AddDays(day).AddHours(random.Next(1, 10)) })
            {
                for (var i = 0; i < 5; i++)
                {
                    var at = sessionStart.AddMinutes((i * 12) + random.Next(10));
                    history.Add(random.Next(6) switch
                    {
                        0 => Added(at, "p" + random.Next(6), "c" + random.Next(4)),
                        1 => Checkout(at),
                        2 when i == 4 => Order(at, $"o{day}-{i}", 20m + random.Next(50), null, new ProductLine("p" + random.Next(6), "c" + random.Next(4), 20m, 1)),
                        _ => Viewed(at, "p" + random.Next(6), "c" + random.Next(4)),
                    });
                }
            }
        }

        var arrival = history.OrderBy(e => e.Timestamp.AddMinutes(random.Next(120))).ToList();
        Assert.NotEqual(history, arrival);
        var live = Build(arrival);
        var replay = Build(history.OrderBy(e => e.Timestamp));

        foreach (var asOf in new[] { Noon.AddDays(40), Noon.AddDays(45), Noon.AddDays(100) })
        {
            var expected = replay.VectorAsOf(asOf);
            var actual = live.VectorAsOf(asOf);
            Assert.All(FeatureSchema.Features, f => Assert.Equal(expected[(int)f.Id], actual[(int)f.Id], 1e-3));
            Assert.Equal(replay.TopCategoriesAsOf(asOf).Select(t => t.Key), live.TopCategoriesAsOf(asOf).Select(t => t.Key));
        }
    }

    [Fact]
    public void Apply_KeepsOrderGapsExact_WhenALateOrderFallsAmongForgottenOrdersEvenlySpaced()
    {
        var features = Build(Enumerable.Range(0, 20).Select(day => Order(Noon.AddDays(day), "o" + day, 10m)));
        Assert.Equal(CustomerFeatures.OrdersKept, features.RecentOrders.Count);

        features.Apply(Order(Noon.AddDays(1.5), "late", 10m)); // before every kept order

        // True gaps: 1, 0.5, 0.5 and 17 more of 1 day.
        var v = features.VectorAsOf(Noon.AddDays(20));
        AssertNear(19.0 / 20, v.Get(FeatureId.DaysBetweenOrdersMean));
        AssertNear(SampleStdDev([1, 0.5, 0.5, .. Enumerable.Repeat(1.0, 17)]), v.Get(FeatureId.DaysBetweenOrdersStdDev));
    }

    [Fact]
    public void WriteAsOf_GivesTheShareOfFinishedCartSessionsWithoutAnOrder()
    {
        var asOf = Noon.AddDays(20);
        var features = Build(
            Added(asOf.AddDays(-4)), Checkout(asOf.AddDays(-4).AddMinutes(5)), Order(asOf.AddDays(-4).AddMinutes(10), "o1", 40m),
            Added(asOf.AddDays(-3)),
            Checkout(asOf.AddDays(-2)),
            Page(asOf.AddDays(-1)));
        AssertNear(2.0 / 3, features.VectorAsOf(asOf).Get(FeatureId.CartAbandonmentRatio90d));

        features.Apply(Added(asOf.AddMinutes(-10)));

        AssertNear(2.0 / 3, features.VectorAsOf(asOf).Get(FeatureId.CartAbandonmentRatio90d)); // still open
        AssertNear(3.0 / 4, features.VectorAsOf(asOf.AddMinutes(21)).Get(FeatureId.CartAbandonmentRatio90d));
    }

    [Fact]
    public void WriteAsOf_WritesNaN_ForFeaturesWithoutMeaningYet()
    {
        var v = Build(Page(Noon)).VectorAsOf(Noon.AddDays(1));

        Assert.Equal(1f, v.Get(FeatureId.DaysSinceLastEvent));
        Assert.Equal(1f, v.Get(FeatureId.TenureDays));
        Assert.Equal(0f, v.Get(FeatureId.OrdersTotal));
        Assert.Equal(0f, v.Get(FeatureId.NetRevenue));
        Assert.Equal(1f, v.Get(FeatureId.EventsTrend30d));
        Assert.Equal(0f, v.Get(FeatureId.OrdersTrend30d));
        Assert.All(
            [FeatureId.DaysSinceLastOrder, FeatureId.AverageOrderValue, FeatureId.DaysBetweenOrdersMean, FeatureId.DaysBetweenOrdersStdDev,
             FeatureId.CartAbandonmentRatio90d, FeatureId.RefundRatio, FeatureId.CouponOrderShare],
            id => Assert.True(float.IsNaN(v.Get(id)), $"{id} should be NaN"));
        Assert.All(FeatureSchema.Features, f => Assert.True(f.CanBeMissing || !float.IsNaN(v[(int)f.Id]), f.Name));
    }

    [Fact]
    public void WriteAsOf_WritesTheMeanGapButNoSpread_WithTwoOrders()
    {
        var v = Build(Order(Noon, "o1"), Order(Noon.AddDays(3), "o2")).VectorAsOf(Noon.AddDays(4));

        Assert.Equal(3f, v.Get(FeatureId.DaysBetweenOrdersMean));
        Assert.True(float.IsNaN(v.Get(FeatureId.DaysBetweenOrdersStdDev)));
        Assert.True(float.IsNaN(v.Get(FeatureId.AverageOrderValue))); // no order named an amount
        Assert.Equal(0f, v.Get(FeatureId.RefundRatio));
    }

    [Fact]
    public void WriteAsOf_WritesNaNRecency_ForACustomerWithoutEvents()
    {
        var v = new CustomerFeatures().VectorAsOf(Noon);

        Assert.True(float.IsNaN(v.Get(FeatureId.DaysSinceLastEvent)));
        Assert.True(float.IsNaN(v.Get(FeatureId.TenureDays)));
        Assert.Equal(0f, v.Get(FeatureId.Views90d));
    }

    [Fact]
    public void WriteAsOf_Throws_WhenTheDestinationIsShorterThanTheSchema()
    {
        var features = Build(Page(Noon));

        Assert.Throws<ArgumentException>(() => features.WriteAsOf(Noon, new float[FeatureSchema.Length - 1]));
    }

    [Fact]
    public void WriteAsOf_AllocatesNothing()
    {
        var features = Build(History(seed: 3, count: 2_000));
        var vector = new float[FeatureSchema.Length];
        var asOf = features.LastSeen!.Value.AddDays(1);
        features.WriteAsOf(asOf, vector);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            features.WriteAsOf(asOf.AddHours(i), vector);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WriteAsOf_IgnoresLaterEvents_WhenTheReplayStopsAtTheCutOff()
    {
        var cutOff = Noon.AddDays(50);
        CustomerEvent[] history =
        [
            Page(cutOff.AddDays(-6)),
            Order(cutOff.AddDays(-5), "o1", 40m),
            Order(cutOff.AddDays(2), "o2", 60m),
            Page(cutOff.AddDays(3)),
        ];
        var replay = new CustomerFeatures();
        var rows = new List<float[]>();
        var next = 0;
        foreach (var rowAt in new[] { cutOff, cutOff.AddDays(10) })
        {
            for (; next < history.Length && history[next].Timestamp <= rowAt; next++)
            {
                replay.Apply(history[next]);
            }

            rows.Add(replay.VectorAsOf(rowAt));
        }

        Assert.Equal(1f, rows[0].Get(FeatureId.OrdersTotal));
        Assert.Equal(5f, rows[0].Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(40f, rows[0].Get(FeatureId.NetRevenue));
        Assert.Equal(2f, rows[1].Get(FeatureId.OrdersTotal));
        Assert.Equal(8f, rows[1].Get(FeatureId.DaysSinceLastOrder));
        Assert.Equal(Build(history).VectorAsOf(cutOff.AddDays(10)), rows[1]);
    }

    [Fact]
    public void Apply_GivesTheSameStateAndVector_WhenTheSameEventsAreAppliedAgain()
    {
        var history = History(seed: 7, count: 5_000);
        var first = Build(history);
        var second = Build(history);
        var asOf = first.LastSeen!.Value.AddDays(3);

        Assert.Equal(JsonSerializer.Serialize(first, StorageJson), JsonSerializer.Serialize(second, StorageJson));
        Assert.Equal(first.VectorAsOf(asOf), second.VectorAsOf(asOf));
    }

    [Fact]
    public void JsonRoundTrip_GivesTheSameVector_AndTheSameStateAfterMoreEvents()
    {
        var history = History(seed: 11, count: 6_000);
        var original = Build(history.Take(5_000));
        var json = JsonSerializer.Serialize(original, StorageJson);

        var restored = JsonSerializer.Deserialize<CustomerFeatures>(json, StorageJson)!;

        var lastSeen = original.LastSeen!.Value;
        foreach (var asOf in new[] { lastSeen, lastSeen.AddDays(1), lastSeen.AddDays(45) })
        {
            Assert.Equal(original.VectorAsOf(asOf), restored.VectorAsOf(asOf));
        }

        Assert.Equal(original.TopCategoriesAsOf(lastSeen), restored.TopCategoriesAsOf(lastSeen));
        foreach (var customerEvent in history.Skip(5_000))
        {
            original.Apply(customerEvent);
            restored.Apply(customerEvent);
        }

        Assert.Equal(JsonSerializer.Serialize(original, StorageJson), JsonSerializer.Serialize(restored, StorageJson));
        Assert.Equal(original.VectorAsOf(original.LastSeen!.Value), restored.VectorAsOf(original.LastSeen!.Value));
    }

    [Fact]
    public void Apply_KeepsTheStateBounded_When100000EventsSpanThreeYears()
    {
        var history = History(seed: 42, count: 100_000, days: 3 * 365);
        var features = new CustomerFeatures();
        var largestJson = 0;
        for (var i = 0; i < history.Count; i++)
        {
            features.Apply(history[i]);
            if (i % 10_000 == 9_999)
            {
                largestJson = Math.Max(largestJson, JsonSerializer.Serialize(features, StorageJson).Length);
            }
        }

        Assert.Equal(100_000, features.EventsApplied);
        Assert.True(features.Days.Count <= CustomerFeatures.WindowDays, $"{features.Days.Count} day buckets");
        Assert.True(features.Sessions.Count <= CustomerFeatures.SessionsKept);
        Assert.True(features.RecentOrders.Count <= CustomerFeatures.OrdersKept);
        Assert.True(features.TopCategories.Entries.Count <= DecayedTopK.Capacity);
        Assert.True(features.TopProducts.Entries.Count <= DecayedTopK.Capacity);
        Assert.True(largestJson < 24 * 1024, $"state of {largestJson} characters");
        var v = features.VectorAsOf(features.LastSeen!.Value);
        Assert.All(FeatureSchema.Features, f => Assert.False(float.IsInfinity(v[(int)f.Id]), f.Name));
        Assert.True(v.Get(FeatureId.Views90d) > 1_000);
        Assert.True(v.Get(FeatureId.TenureDays) >= 3 * 365 - 1);
    }

    [Fact]
    public void TopCategoriesAsOf_GivesTheThreeStrongestInterests_WithWeightsHalvedEvery30Days()
    {
        var asOf = Noon.AddDays(90);
        var features = Build(
            Viewed(asOf.AddDays(-60), "p4", "Dolls"),
            Added(asOf.AddDays(-30), "p2", "Books"),
            Viewed(asOf, "p1", "Art"),
            Order(asOf, "o1", 12m, null, new ProductLine("p3", "Games", 12m, 1)));

        var top = features.TopCategoriesAsOf(asOf);

        Assert.Equal(["Games", "Art", "Books"], top.Select(t => t.Key));
        Assert.Equal([3.0, 1.0, 1.0], top.Select(t => t.Weight)); // order 3, view 1, cart 2 halved once
        Assert.Equal(0.25, features.TopCategories.WeightOf("Dolls", asOf), 12);
        Assert.Equal("p3", features.TopProductsAsOf(asOf, 1).Single().Key);
        Assert.Equal(1.5, features.TopCategoriesAsOf(asOf.AddDays(30))[0].Weight, 12); // time passes: weights decay
    }

    private static DateTimeOffset AgeDays(DateTimeOffset asOf, int days) => asOf.AddDays(-days).AddHours(-2);

    private static float[] Windows(float[] vector, FeatureId sevenDays) =>
        [vector.Get(sevenDays), vector.Get(sevenDays + 1), vector.Get(sevenDays + 2)];

    private static void AssertNear(double expected, float actual) => Assert.Equal(expected, actual, 1e-4);

    private static double SampleStdDev(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    /// <summary>A plausible busy customer: visits, carts, orders with products, refunds, some events late.</summary>
    private static List<CustomerEvent> History(int seed, int count, int days = 200)
    {
        var random = new Random(seed);
        var events = new List<CustomerEvent>(count);
        var meanGapMinutes = days * 24.0 * 60 / count;
        var at = Noon;
        for (var i = 0; i < count; i++)
        {
            at = at.AddMinutes(-meanGapMinutes * Math.Log(1 - random.NextDouble()));
            var eventAt = random.Next(100) == 0 ? at.AddDays(-random.Next(200)).AddMinutes(-random.Next(600)) : at;
            var product = new ProductLine("p" + random.Next(5_000), "c" + random.Next(200), 10m, 1);
            events.Add(random.Next(100) switch
            {
                < 45 => Page(eventAt),
                < 75 => Viewed(eventAt, product.ProductId, product.Category),
                < 85 => Added(eventAt, product.ProductId, product.Category),
                < 90 => Checkout(eventAt),
                < 94 => Order(eventAt, "o" + i, 10m + random.Next(100), random.Next(4) == 0 ? "C" : null, product),
                < 96 => Refund(eventAt, "o" + (i - random.Next(50))),
                < 97 => Cancel(eventAt, "o" + (i - random.Next(50)), 5m),
                _ => Identify(eventAt),
            });
        }

        return events;
    }
}
