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

    private static ShopLifetimeModel Model(BgNbdParameters transactions) =>
        new("test", transactions, null, [0.1, 0.5, 0.9], 100, Start.AddDays(10));

    private static CustomerActivity TwoOrderDays()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Order(Start, "o1", 40m)));
        activity.Apply(Logged(2, Order(Start.AddDays(2), "o2", 60m)));
        return activity;
    }
}
