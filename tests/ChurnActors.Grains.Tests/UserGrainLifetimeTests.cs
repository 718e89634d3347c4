using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Grains.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// Before any churn classifier is promoted, customers are scored by the shop's own BG/NBD fit, and the CLV block shows
/// the lifetime figures. The shared in-memory log carries the orders of every test of the collection.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class UserGrainLifetimeTests(ScoringClusterFixture fixture)
{
    [Fact]
    public async Task FitOnceAsync_SaysHowMuchHistoryIsMissing_WhenTooFewCustomersOrdered()
    {
        var service = Service(minCustomers: 1_000_000);

        var model = await service.FitOnceAsync(CancellationToken.None);

        Assert.Null(model);
        Assert.Contains("it needs 1,000,000", fixture.Models.LifetimeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ScoresWithTheShopsBgNbdFit_WhenNoClassifierIsPromoted()
    {
        fixture.Models.UseTrained(null);
        var now = fixture.Clock.GetUtcNow();
        var prefix = "shop-" + Guid.NewGuid().ToString("N")[..8];
        await SimulateShopAsync(prefix, now);

        var model = await Service().FitOnceAsync(CancellationToken.None);
        Assert.NotNull(model);

        var recent = await CustomerOrderingEvery10DaysAsync($"{prefix}-recent", lastOrder: now.AddDays(-20));
        var lapsed = await CustomerOrderingEvery10DaysAsync($"{prefix}-lapsed", lastOrder: now.AddDays(-120));

        Assert.Equal("scored", recent.Score.Status);
        Assert.Equal(("bgnbd", model.Version), (recent.Score.ModelName, recent.Score.ModelVersion));
        Assert.Equal("fitted", recent.Clv.Status);
        Assert.Equal(90, recent.Score.HorizonDays);
        var inputs = recent.Score.Purchases!;
        Assert.Equal(5, inputs.RepeatOrders);
        Assert.Equal(50, inputs.DaysFirstToLastOrder);
        Assert.InRange(inputs.DaysSinceFirstOrder, 70, 71);
        var summary = new PurchaseSummary(inputs.RepeatOrders, inputs.DaysFirstToLastOrder, inputs.DaysSinceFirstOrder);
        Assert.Equal(model.Transactions.ProbabilityNoPurchase(summary, 90), recent.Score.Probability!.Value, 12);
        Assert.True(recent.Clv.PAlive > lapsed.Clv.PAlive, $"P(alive) {recent.Clv.PAlive} (ordered 20 days ago) should exceed {lapsed.Clv.PAlive} (120 days ago)");
        Assert.True(recent.Score.Probability < lapsed.Score.Probability);
        Assert.True(recent.Clv.ExpectedPurchases90d > lapsed.Clv.ExpectedPurchases90d);
        Assert.True(recent.Clv.Value > 0);
        Assert.True(recent.Clv.NextOrderExpectedAt > now);
        Assert.Equal("no order for 20 days (usually every 10)", recent.Score.Drivers[0]);
    }

    [Fact]
    public async Task ApplyAsync_ScoresOneTimeBuyersAboveZero_RiskierAndHigherInThePercentilesTheOlderTheirOrder()
    {
        fixture.Models.UseTrained(null);
        var now = fixture.Clock.GetUtcNow();
        var prefix = "once-" + Guid.NewGuid().ToString("N")[..8];
        await SimulateShopAsync(prefix, now);
        var model = await Service().FitOnceAsync(CancellationToken.None);
        Assert.NotNull(model);

        var fresh = await OneTimeBuyerAsync($"{prefix}-fresh", now.AddDays(-3));
        var old = await OneTimeBuyerAsync($"{prefix}-old", now.AddDays(-200));

        Assert.Equal(("scored", "scored"), (fresh.Score.Status, old.Score.Status));
        Assert.True(fresh.Score.Probability > 0, $"P(churn) {fresh.Score.Probability} 3 days after the only order");
        Assert.True(old.Score.Probability > fresh.Score.Probability,
            $"P(churn) {old.Score.Probability} 200 days after the only order should exceed {fresh.Score.Probability} 3 days after");
        Assert.True(old.Score.Percentile > fresh.Score.Percentile,
            $"percentile {old.Score.Percentile} 200 days after the only order should exceed {fresh.Score.Percentile} 3 days after");
        Assert.Equal((0, 0.0), (old.Score.Purchases!.RepeatOrders, old.Score.Purchases.DaysFirstToLastOrder));
        Assert.InRange(old.Score.Purchases.DaysSinceFirstOrder, 200, 201);
        Assert.StartsWith("only one order day so far, 200 days ago (repeat customers order about every ", old.Score.Drivers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetViewAsync_RescoresWithANewlyFittedModel_WithoutWaitingForAnEvent()
    {
        fixture.Models.UseTrained(null);
        fixture.Models.UseLifetime(null, "not fitted in this test yet");
        var now = fixture.Clock.GetUtcNow();
        var prefix = "refit-" + Guid.NewGuid().ToString("N")[..8];
        var early = await CustomerOrderingEvery10DaysAsync($"{prefix}-early", lastOrder: now.AddDays(-5));
        await SimulateShopAsync(prefix, now);

        var model = await Service().FitOnceAsync(CancellationToken.None);
        var later = (await fixture.Grains.GetGrain<IUserGrain>($"{prefix}-early").GetViewAsync())!;

        Assert.Equal("insufficient-data", early.Score.Status);
        Assert.Equal("scored", later.Score.Status);
        Assert.Equal(model!.Version, later.Score.ModelVersion);
    }

    /// <summary>
    /// A year of a shop whose customers behave as BG/NBD assumes: each buys at its own rate (every 10 to 50 days on
    /// average, exponential gaps) and, after each purchase, stops for good with probability 0.15.
    /// </summary>
    private async Task SimulateShopAsync(string prefix, DateTimeOffset now)
    {
        var random = new Random(42);
        for (var i = 0; i < 400; i++)
        {
            var meanGap = 10 + random.Next(41);
            var at = now.AddDays(-365 + (random.NextDouble() * 300));
            while (at < now)
            {
                await AppendOrderAsync($"{prefix}-{i}", at, 20 + random.Next(60));
                if (random.NextDouble() < 0.15)
                {
                    break;
                }

                at = at.AddDays(-meanGap * Math.Log(1 - random.NextDouble()));
            }
        }
    }

    private async Task<CustomerView> CustomerOrderingEvery10DaysAsync(string customer, DateTimeOffset lastOrder)
    {
        var messages = new List<LoggedEvent>();
        for (var k = 5; k >= 0; k--)
        {
            messages.Add(await AppendOrderAsync(customer, lastOrder.AddDays(-10 * k), 40));
        }

        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync([.. messages]);
        return (await grain.GetViewAsync())!;
    }

    private async Task<CustomerView> OneTimeBuyerAsync(string customer, DateTimeOffset at)
    {
        var logged = await AppendOrderAsync(customer, at, 40);
        var grain = fixture.Grains.GetGrain<IUserGrain>(customer);
        await grain.ApplyAsync([logged]);
        return (await grain.GetViewAsync())!;
    }

    private LifetimeFitService Service(int minCustomers = 100) => new(
        fixture.EventLog,
        fixture.Models,
        Options.Create(new ScoringOptions { LifetimeFitMinCustomers = minCustomers, LifetimeFitMinRepeatCustomers = 30 }),
        fixture.Clock,
        NullLogger<LifetimeFitService>.Instance);

    private async Task<LoggedEvent> AppendOrderAsync(string customer, DateTimeOffset at, decimal amount)
    {
        var incoming = new IncomingEvent(
            "test",
            Guid.NewGuid().ToString("N"),
            null,
            null,
            new CustomerEvent(CallType.Track, EcommerceEvents.OrderCompleted, at, at, customer, null,
                new CommerceDetails("o-" + Guid.NewGuid().ToString("N"), amount, null, [])));
        await fixture.EventLog.AppendAsync([incoming], CancellationToken.None);
        var logged = await fixture.EventLog.ReadCustomerAsync(customer, 0, 10_000, CancellationToken.None);
        return logged[^1];
    }
}
