using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class SuppressionTests
{
    private readonly ContactPolicy _policy = NewPolicy();

    [Theory]
    [InlineData(SuppressionSignals.UnsubscribedTrait, "the customer's traits say unsubscribed: true")]
    [InlineData(SuppressionSignals.UnsubscribedEvent, "the customer sent an Unsubscribed event")]
    [InlineData(SuppressionSignals.AdminList, "the customer is on the admin suppression list")]
    public void Evaluate_Suppresses_ForEachSignal(SuppressionSignals signal, string reason)
    {
        var decision = _policy.Evaluate(Step("winback"), new CustomerContactState { Suppression = signal }, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Suppressed, decision.Outcome);
        Assert.Equal("suppressed", decision.Code);
        Assert.Equal(signal, decision.SuppressedBy);
        Assert.Equal($"suppressed: {reason}; nothing is sent to this customer", decision.Reason);
        Assert.Null(decision.Record);
    }

    [Fact]
    public void Evaluate_NamesEverySignal_WhenSeveralSuppress()
    {
        var state = new CustomerContactState { Suppression = SuppressionSignals.UnsubscribedEvent | SuppressionSignals.AdminList };

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Equal(SuppressionSignals.UnsubscribedEvent | SuppressionSignals.AdminList, decision.SuppressedBy);
        Assert.Contains("Unsubscribed event, the customer is on the admin suppression list", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SuppressesRatherThanDefers_AtNight()
    {
        var state = new CustomerContactState { Suppression = SuppressionSignals.UnsubscribedTrait, TimeZone = "America/Los_Angeles" };

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon.AddHours(-7));

        Assert.Equal(ContactOutcome.Suppressed, decision.Outcome);
        Assert.Null(decision.DeferredUntil);
    }

    [Fact]
    public void Evaluate_SuppressesEveryChannelAndCandidate()
    {
        var state = new CustomerContactState { Suppression = SuppressionSignals.AdminList };

        var evaluation = _policy.EvaluateAll([Step("a", channel: "email"), Step("b", channel: "webhook"), Step("c", channel: "sms")], state, OfferBudgetState.None, Noon);

        Assert.All(evaluation.Decisions, d => Assert.Equal(ContactOutcome.Suppressed, d.Outcome));
        Assert.Empty(evaluation.State.Contacts);
    }
}
