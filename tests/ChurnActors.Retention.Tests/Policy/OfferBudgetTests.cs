using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class OfferBudgetTests
{
    private static readonly DateOnly December7 = new(2026, 12, 7);

    // 22:59 UTC is 23:59 in Berlin on December 7; 23:00 UTC is midnight, December 8.
    private static readonly DateTimeOffset LastBerlinMinute = new(2026, 12, 7, 22, 59, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BerlinMidnight = new(2026, 12, 7, 23, 0, 0, TimeSpan.Zero);

    private readonly ContactPolicy _policy = AnyHourPolicy(o =>
    {
        o.DefaultTimeZone = "Europe/Berlin";
        o.DailyOfferBudget = 100m;
        o.Currency = "EUR";
    });

    [Fact]
    public void Evaluate_RefusesTheOffer_WhenTheDaysBudgetCannotPayForIt()
    {
        var decision = _policy.Evaluate(Step("winback", offer: 20m), CustomerContactState.Empty, new OfferBudgetState(December7, 90m), LastBerlinMinute);

        Assert.Equal(ContactOutcome.Budget, decision.Outcome);
        Assert.Equal("budget", decision.Code);
        Assert.Equal(
            "budget: the daily offer budget of 100 EUR for 2026-12-07 (Europe/Berlin) has 10 EUR left, less than this offer's 20 EUR",
            decision.Reason);
        Assert.Null(decision.Record);
    }

    [Fact]
    public void Evaluate_SendsTheOffer_AfterMidnightInTheShopsZone()
    {
        var evaluation = _policy.EvaluateAll([Step("winback", offer: 20m)], CustomerContactState.Empty, new OfferBudgetState(December7, 90m), BerlinMidnight);

        var decision = Assert.Single(evaluation.Decisions);
        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Equal(new DateOnly(2026, 12, 8), decision.BudgetDay);
        Assert.Equal(new OfferBudgetState(new DateOnly(2026, 12, 8), 20m), evaluation.Budget);
        Assert.Contains("offer 20 EUR leaves 80 EUR of today's budget", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SendsTheOffer_ThatSpendsTheBudgetExactly()
    {
        var evaluation = _policy.EvaluateAll([Step("winback", offer: 20m)], CustomerContactState.Empty, new OfferBudgetState(December7, 80m), LastBerlinMinute);

        Assert.Equal(ContactOutcome.Send, evaluation.Decisions[0].Outcome);
        Assert.Equal(new OfferBudgetState(December7, 100m), evaluation.Budget);
    }

    [Fact]
    public void Evaluate_SendsAContactWithoutOffer_WhenTheBudgetIsSpent()
    {
        var decision = _policy.Evaluate(Step("winback"), CustomerContactState.Empty, new OfferBudgetState(December7, 100m), LastBerlinMinute);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Null(decision.OfferSpend);
    }

    [Fact]
    public void Evaluate_SendsAnyOffer_WhenNoBudgetIsConfigured()
    {
        var decision = AnyHourPolicy().Evaluate(Step("winback", offer: 1_000_000m), CustomerContactState.Empty, new OfferBudgetState(December7, 5_000m), Noon);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Equal(1_000_000m, decision.OfferSpend);
    }

    [Fact]
    public void EvaluateAll_RefusesTheSecondOffer_WhenTheFirstSpentTheBudget()
    {
        var first = Step("vip-rescue", priority: 90, offer: 60m);
        var second = Step("winback", priority: 50, channel: "sms", offer: 60m);

        var evaluation = _policy.EvaluateAll([second, first], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Budget, evaluation.Decisions[0].Outcome);
        Assert.Equal(ContactOutcome.Send, evaluation.Decisions[1].Outcome);
        Assert.Equal(new OfferBudgetState(December7, 60m), evaluation.Budget);
    }

    [Fact]
    public void EvaluateAll_GivesTheCapSlotToTheNextCandidate_WhenTheBudgetRefusesTheHigherOne()
    {
        var offer = Step("vip-rescue", priority: 90, offer: 50m);
        var plain = Step("winback", priority: 10);

        var evaluation = _policy.EvaluateAll([offer, plain], CustomerContactState.Empty, new OfferBudgetState(December7, 90m), Noon);

        Assert.Equal(ContactOutcome.Budget, evaluation.Decisions[0].Outcome);
        Assert.Equal(ContactOutcome.Send, evaluation.Decisions[1].Outcome);
    }

    [Fact]
    public void ApplyBudget_DebitsASentOffer_AndNothingElse()
    {
        var sent = _policy.Evaluate(Step("winback", offer: 20m), CustomerContactState.Empty, OfferBudgetState.None, Noon);
        var refused = _policy.Evaluate(Step("winback", offer: 20m), CustomerContactState.Empty, new OfferBudgetState(December7, 95m), Noon);

        Assert.Equal(new OfferBudgetState(December7, 30m), ContactPolicy.ApplyBudget(new OfferBudgetState(December7, 10m), sent));
        Assert.Equal(new OfferBudgetState(December7, 95m), ContactPolicy.ApplyBudget(new OfferBudgetState(December7, 95m), refused));
    }
}
