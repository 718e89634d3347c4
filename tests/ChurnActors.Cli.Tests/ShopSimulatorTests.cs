using System.Text.Json;

namespace ChurnActors.Cli.Tests;

/// <summary>The simulated shop looks like a shop and agrees with its ground truth (2,000 customers, 365 days).</summary>
public sealed class ShopSimulatorTests : IClassFixture<SimulatedShop>
{
    private readonly SimulatedShop _shop;

    public ShopSimulatorTests(SimulatedShop shop)
    {
        _shop = shop;
    }

    [Fact]
    public void Simulate_WritesValidSegmentMessages_WithUniqueMessageIds()
    {
        Assert.NotEmpty(_shop.Events);
        foreach (var message in _shop.Events)
        {
            Assert.Contains(SegmentJson.Text(message, "type"), new[] { "track", "identify" });
            Assert.True(SegmentJson.Text(message, "userId") is not null || SegmentJson.Text(message, "anonymousId") is not null, message.ToString());
            Assert.NotNull(SegmentJson.Text(message, "messageId"));
            Assert.True(DateTimeOffset.TryParse(SegmentJson.Text(message, "timestamp"), out _), message.ToString());
            if (SegmentJson.Text(message, "type") == "track")
            {
                Assert.NotNull(SegmentJson.Text(message, "event"));
                Assert.Equal(JsonValueKind.Object, message.GetProperty("properties").ValueKind);
            }
        }

        Assert.Equal(_shop.Events.Count, _shop.Events.Select(m => SegmentJson.Text(m, "messageId")).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Simulate_CompletesOrdersWithProductsAcrossCategories()
    {
        var orders = Named("Order Completed");
        Assert.All(orders.Take(500), order =>
        {
            var properties = order.GetProperty("properties");
            Assert.StartsWith("ord-", SegmentJson.Text(properties, "order_id"), StringComparison.Ordinal);
            var products = properties.GetProperty("products").EnumerateArray().ToList();
            Assert.NotEmpty(products);
            var gross = products.Sum(p => p.GetProperty("price").GetDecimal() * p.GetProperty("quantity").GetInt32());
            Assert.Equal(gross - properties.GetProperty("discount").GetDecimal(), properties.GetProperty("revenue").GetDecimal());
        });
        var categories = orders.SelectMany(o => o.GetProperty("properties").GetProperty("products").EnumerateArray())
            .Select(p => SegmentJson.Text(p, "category")).Distinct().Count();
        Assert.Equal(8, categories);
        Assert.True(orders.Count(o => o.GetProperty("properties").GetProperty("products").GetArrayLength() >= 2) > orders.Count / 5);
    }

    [Fact]
    public void Simulate_HasShopLikeMarginals_ForTwoThousandCustomersOverAYear()
    {
        var orders = Named("Order Completed");
        var perCustomer = orders.GroupBy(o => SegmentJson.Text(o, "userId")).Select(g => g.Count()).ToList();
        var anonymousOnly = _shop.Events.Count(e => SegmentJson.Text(e, "userId") is null);

        Assert.InRange(orders.Count / (double)SimulatedShop.Customers, 2.5, 5.5);
        Assert.InRange(perCustomer.Count(n => n >= 2) / (double)SimulatedShop.Customers, 0.5, 0.8);
        Assert.InRange(Named("Order Refunded").Count / (double)orders.Count, 0.02, 0.07);
        Assert.InRange(Named("Coupon Applied").Count / (double)orders.Count, 0.1, 0.25);
        Assert.InRange(anonymousOnly / (double)_shop.Events.Count, 0.01, 0.08);
        Assert.True(Named("Checkout Started").Count > orders.Count, "some checkouts should be abandoned");
        Assert.Equal(perCustomer.Sum(), _shop.Truth.Sum(t => t.Orders));
    }

    [Fact]
    public void Simulate_SellsMoreOnWeekendsAndInTheCampaignSeason()
    {
        var days = Named("Order Completed").Select(o => SimulatedShop.Timestamp(o).UtcDateTime).ToList();
        var weekendPerDay = days.Count(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) / 2.0;
        var weekdayPerDay = days.Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) / 5.0;
        var campaignPerDay = days.Count(d => (d.Month == 11 && d.Day >= 20) || (d.Month == 12 && d.Day <= 2)) / 13.0;
        var monthBeforePerDay = days.Count(d => (d.Month == 10 && d.Day >= 20) || (d.Month == 11 && d.Day < 20)) / 31.0;

        Assert.InRange(weekendPerDay / weekdayPerDay, 1.2, 1.6);
        Assert.InRange(campaignPerDay / monthBeforePerDay, 1.8, 3.2);
    }

    [Fact]
    public void Simulate_HasNoEventAfterATrueDropout_AndIdentifiesAnonymousVisitors()
    {
        var byCustomer = _shop.EventsByCustomer();
        Assert.Equal(SimulatedShop.Customers, _shop.Truth.Count);
        Assert.InRange(_shop.Truth.Count(t => t.DropoutAt is not null) / (double)SimulatedShop.Customers, 0.5, 0.9);
        Assert.InRange(_shop.Truth.Count(t => t.Decaying) / (double)SimulatedShop.Customers, 0.25, 0.35);
        foreach (var truth in _shop.Truth)
        {
            var events = byCustomer[truth.CustomerId];
            if (truth.DropoutAt is { } dropout)
            {
                Assert.Equal(dropout, events.Max(SimulatedShop.Timestamp));
            }
        }

        var identifies = _shop.Events.Where(e => SegmentJson.Text(e, "type") == "identify").ToList();
        Assert.NotEmpty(identifies);
        Assert.All(identifies, i => Assert.NotNull(SegmentJson.Text(i, "anonymousId")));
    }

    [Fact]
    public void Simulate_DecayingCustomersBrowseLessInTheirLastSixtyDays_UnlikeOthers()
    {
        var byCustomer = _shop.EventsByCustomer();
        double Ratio(bool decaying)
        {
            double late = 0, early = 0, earlyDays = 0, customers = 0;
            foreach (var truth in _shop.Truth.Where(t => t.Decaying == decaying && t.DropoutAt is not null))
            {
                var sessions = Sessions(byCustomer[truth.CustomerId]);
                var dropout = truth.DropoutAt!.Value;
                if ((dropout - sessions[0]).TotalDays < 180)
                {
                    continue;
                }

                var cut = dropout.AddDays(-60);
                late += sessions.Count(s => s > cut);
                early += sessions.Count(s => s <= cut);
                earlyDays += (cut - sessions[0]).TotalDays;
                customers++;
            }

            Assert.True(customers >= 20, $"only {customers} long-lived dropouts (decaying: {decaying})");
            return late / (60 * customers) / (early / earlyDays);
        }

        var decayingRatio = Ratio(decaying: true);
        var othersRatio = Ratio(decaying: false);

        Assert.True(decayingRatio < 0.8, $"decaying customers' late/early session rate {decayingRatio:0.00}");
        Assert.True(decayingRatio < othersRatio - 0.2, $"decaying {decayingRatio:0.00} vs others {othersRatio:0.00}");
    }

    /// <summary>Session starts: events more than 30 minutes after the previous one begin a new session.</summary>
    private static List<DateTimeOffset> Sessions(List<JsonElement> events)
    {
        var times = events.Select(SimulatedShop.Timestamp).Order().ToList();
        var starts = new List<DateTimeOffset> { times[0] };
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] - times[i - 1] > TimeSpan.FromMinutes(30))
            {
                starts.Add(times[i]);
            }
        }

        return starts;
    }

    private List<JsonElement> Named(string eventName) =>
        [.. _shop.Events.Where(e => SegmentJson.Text(e, "event") == eventName)];
}
