using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using static ChurnActors.Domain.Tests.Activity.Events;

namespace ChurnActors.Domain.Tests.Risk;

public class ShopLifetimeModelTests
{
    // Parameters a fit on too short a span of orders can end at: a / (b + x - 1) is 0 / 0 for a customer with one
    // repeat purchase, so the closed forms give NaN.
    private static readonly BgNbdParameters Degenerate = new(R: 1, Alpha: 1, A: 0, B: 0);

    private static readonly BgNbdParameters Sound = new(R: 0.24, Alpha: 4.4, A: 0.79, B: 2.4);

    // A shop whose new customers mostly order again within a few months: a one-time buyer starts in the low band
    // and crosses into medium (0.4) after about 125 silent days with a 90-day horizon.
    private static readonly BgNbdParameters Loyal = new(R: 2, Alpha: 30, A: 0.5, B: 5);

    private const double Horizon = 90;

    [Fact]
    public void Figures_HaveNoInfiniteOrNaNNumber_WhenTheFitIsDegenerate()
    {
        var customer = TwoOrderDays();
        var asOf = Start.AddDays(10);
        Assert.False(double.IsFinite(Degenerate.ProbabilityAlive(customer.Purchases.SummaryAsOf(asOf, ShopLifetimeModel.Unit))));

        var figures = Model(Degenerate).Figures(customer, asOf);

        Assert.NotNull(figures);
        Assert.False(figures.Finite);
        Assert.Null(figures.ProbabilityAlive);
        Assert.True(figures.ExpectedPurchases90d is null || double.IsFinite(figures.ExpectedPurchases90d.Value));
        Assert.True(figures.Value is null || double.IsFinite(figures.Value.Value));
    }

    [Fact]
    public void Score_IsInsufficientWithAReason_WhenTheFitIsDegenerate()
    {
        var outcome = Model(Degenerate).Score(TwoOrderDays(), Start.AddDays(10));

        Assert.Equal(ScoreStatus.InsufficientData, outcome.Status);
        Assert.Equal(ShopLifetimeModel.NoFiniteFigures, outcome.Reason);
    }

    [Fact]
    public void Explain_ShowsNoNaN_WhenTheFitIsDegenerate()
    {
        var drivers = Model(Degenerate).Explain(TwoOrderDays(), Start.AddDays(10));

        Assert.NotEmpty(drivers);
        Assert.All(drivers, d => Assert.DoesNotContain("NaN", d, StringComparison.Ordinal));
        Assert.All(drivers, d => Assert.DoesNotContain("∞", d, StringComparison.Ordinal));
    }

    [Fact]
    public void Figures_AreFiniteAndScored_WhenTheFitIsSound()
    {
        var model = Model(Sound);
        var figures = model.Figures(TwoOrderDays(), Start.AddDays(10));
        var outcome = model.Score(TwoOrderDays(), Start.AddDays(10));

        Assert.NotNull(figures);
        Assert.True(figures.Finite);
        Assert.InRange(figures.ProbabilityAlive!.Value, 0, 1);
        Assert.Equal(ScoreStatus.Scored, outcome.Status);
        Assert.InRange(outcome.Probability, 0, 1);
    }

    [Fact]
    public void Score_RanksAOneTimeBuyerRiskier_TheLongerAgoItsOnlyOrder()
    {
        var model = Model(Sound);

        var recent = model.Score(OneOrder(), Start.AddDays(3));
        var old = model.Score(OneOrder(), Start.AddDays(200));

        Assert.Equal((ScoreStatus.Scored, ScoreStatus.Scored), (recent.Status, old.Status));
        Assert.True(recent.Probability > 0, $"P(churn) {recent.Probability} 3 days after the only order");
        Assert.True(old.Probability > recent.Probability, $"P(churn) {old.Probability} 200 days after the only order should exceed {recent.Probability} 3 days after");
        Assert.True(old.Probability < 1);
    }

    [Fact]
    public void Score_IsTheChanceOfNoOrderWithinTheHorizon_NotOneMinusPAlive()
    {
        var model = Model(Loyal);
        var asOf = Start.AddDays(40);
        var summary = OneOrder().Purchases.SummaryAsOf(asOf, ShopLifetimeModel.Unit);

        var outcome = model.Score(OneOrder(), asOf);

        Assert.Equal(1, Loyal.ProbabilityAlive(summary)); // 1 - P(alive) would be 0
        var t = summary.Age;
        Assert.Equal(Math.Pow((30 + t) / (30 + t + Horizon), 2), outcome.Probability, 12);
        Assert.Equal(Horizon, ((IChurnModel)model).HorizonDays);
    }

    [Fact]
    public void Score_RisesWithEveryDayOfSilence_ForARepeatCustomer()
    {
        var model = Model(Sound);
        var customer = TwoOrderDays();

        var risks = Enumerable.Range(0, 60).Select(week => model.Score(customer, Start.AddDays(3 + (7 * week))).Probability).ToList();

        Assert.All(risks, r => Assert.InRange(r, 0, 1));
        Assert.All(risks.Zip(risks.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"P(churn) fell from {pair.First} to {pair.Second} a silent week later"));
    }

    [Fact]
    public void Score_PlacesThePercentileAmongTheFittedCustomersProbabilities_OfNoOrderWithinTheHorizon()
    {
        // The fitted population: one-time buyers 1 to 400 days after their order.
        var population = Enumerable.Range(1, 400).Select(days => Loyal.ProbabilityNoPurchase(new PurchaseSummary(0, 0, days), Horizon));
        var model = new ShopLifetimeModel("test", Loyal, null, Horizon, ScoreQuantiles.Compute(population), null, 400, Start);

        var percentile = model.Score(OneOrder(), Start.AddDays(100).AddHours(-12)).Percentile; // T = 100 days

        Assert.InRange(percentile, 24.5, 25.5);
    }

    [Fact]
    public void NextRise_FindsWhenSilenceTakesAOneTimeBuyerIntoMedium()
    {
        var model = Model(Loyal);
        var customer = OneOrder();
        var now = Start.AddDays(3);
        Assert.True(model.Score(customer, now).Probability < RiskBands.Default.MediumAt);

        var rise = RiskClock.NextRise(t => model.Score(customer, t).Probability, RiskBands.Default, RiskBand.Low, now, TimeSpan.FromDays(365));

        Assert.NotNull(rise);
        Assert.InRange(model.Score(customer, rise.Value).Probability, RiskBands.Default.MediumAt, RiskBands.Default.MediumAt + 0.001);
        Assert.InRange((rise.Value - Start).TotalDays, 100, 150);
    }

    [Fact]
    public void Explain_NamesTheOnlyOrderAndTheShopsRepeatInterval_ForAOneTimeBuyer()
    {
        var drivers = Model(Sound).Explain(OneOrder(), Start.AddDays(200).AddHours(6));

        Assert.Equal("only one order day so far, 200 days ago (repeat customers order about every 21 days)", drivers[0]);
        Assert.Matches(@"^expected to order \d+\.\d times in the next 90 days$", drivers[1]);
    }

    [Fact]
    public void MedianRepeatInterval_IsTheMiddleMeanGapOfRepeatCustomers_IgnoringOneTimeBuyers()
    {
        PurchaseSummary[] summaries =
        [
            new(0, 0, 50), new(2, 20, 60), new(1, 30, 40), new(4, 100, 120), new(0, 0, 5),
        ];

        Assert.Equal(25, ShopLifetimeModel.MedianRepeatInterval(summaries)); // gaps 10, 30, 25
        Assert.Null(ShopLifetimeModel.MedianRepeatInterval([new PurchaseSummary(0, 0, 10)]));
    }

    private static ShopLifetimeModel Model(BgNbdParameters transactions) =>
        new("test", transactions, null, Horizon, [0.1, 0.5, 0.9], 21, 100, Start.AddDays(10));

    private static CustomerActivity OneOrder()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        return activity;
    }

    private static CustomerActivity TwoOrderDays()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        activity.Apply(Logged(2, Order(Start.AddDays(2), "o2", 60m)));
        return activity;
    }
}
