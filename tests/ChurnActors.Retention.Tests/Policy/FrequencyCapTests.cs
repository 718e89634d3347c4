using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class FrequencyCapTests
{
    private readonly ContactPolicy _policy = NewPolicy();

    [Fact]
    public void Evaluate_Sends_WhenTheCustomerHasNoRecentContacts()
    {
        var decision = _policy.Evaluate(Step("winback"), CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Equal("sent", decision.Code);
        Assert.Equal(new ContactRecord("email", Noon, "playbook:winback@1#0"), decision.Record);
        Assert.StartsWith("sent: email contact within its caps (email-day 0 of 1 in 1d; email-week 0 of 2 in 7d)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CapsTheThirdEmail_WhenTwoWereSentInTheLastSevenDays()
    {
        var state = Sent(("email", Noon.AddDays(-6)), ("email", Noon.AddDays(-3)));

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Capped, decision.Outcome);
        Assert.Equal(["email-week"], decision.Caps);
        Assert.Equal(Noon.AddDays(1), decision.CapFreesAt);
        Assert.Contains("email-week (2 email in 7d) is full", decision.Reason, StringComparison.Ordinal);
        Assert.Null(decision.Record);
    }

    [Fact]
    public void Evaluate_Sends_WhenTheOldestContactIsExactlyOneWindowAgo()
    {
        var state = Sent(("email", Noon.AddDays(-7)), ("email", Noon.AddDays(-3)));

        Assert.Equal(ContactOutcome.Send, _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon).Outcome);
    }

    [Fact]
    public void Evaluate_Caps_WhenTheOldestContactIsOneTickInsideTheWindow()
    {
        var state = Sent(("email", Noon.AddDays(-7).AddTicks(1)), ("email", Noon.AddDays(-3)));

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Capped, decision.Outcome);
        Assert.Equal(Noon.AddTicks(1), decision.CapFreesAt);
    }

    [Fact]
    public void Evaluate_NamesEveryFullCap_WhenSeveralApply()
    {
        var state = Sent(("email", Noon.AddDays(-5)), ("email", Noon.AddHours(-2)));

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Equal(["email-day", "email-week"], decision.Caps);
        Assert.Contains("email-day (1 email in 1d) is full", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("email-week (2 email in 7d) is full", decision.Reason, StringComparison.Ordinal);
        // Room again only when both have room: the week cap frees two days later, the day cap in 22 hours.
        Assert.Equal(Noon.AddDays(2), decision.CapFreesAt);
    }

    [Fact]
    public void Evaluate_CapsOnTheDailyLimit_WhenTheWeekHasRoom()
    {
        var state = Sent(("email", Noon.AddHours(-23)));

        var decision = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Equal(["email-day"], decision.Caps);
        Assert.Equal(Noon.AddHours(1), decision.CapFreesAt);
    }

    [Fact]
    public void Evaluate_CountsOnlyTheCandidatesChannel_ForAChannelCap()
    {
        var state = Sent(("sms", Noon.AddHours(-1)), ("push", Noon.AddHours(-1)));

        Assert.Equal(ContactOutcome.Send, _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon).Outcome);
    }

    [Fact]
    public void Evaluate_ComparesChannelsIgnoringCase()
    {
        var state = Sent(("Email", Noon.AddHours(-1)));

        Assert.Equal(ContactOutcome.Capped, _policy.Evaluate(Step("winback", channel: "EMAIL"), state, OfferBudgetState.None, Noon).Outcome);
    }

    [Fact]
    public void Evaluate_CountsEveryChannel_ForAnAnyChannelCap()
    {
        var policy = NewPolicy(o => o.Caps["all-week"] = new FrequencyCapOptions { Channel = "*", Limit = 2, Window = TimeSpan.FromDays(7) });
        var state = Sent(("sms", Noon.AddDays(-2)), ("push", Noon.AddDays(-1)));

        var decision = policy.Evaluate(Step("winback", channel: "webhook"), state, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Capped, decision.Outcome);
        Assert.Equal(["all-week"], decision.Caps);
        Assert.Contains("all-week (2 contacts in 7d) is full", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_SendsWithoutLimit_OnAChannelNoCapCounts()
    {
        var state = Sent(("webhook", Noon.AddMinutes(-1)), ("webhook", Noon.AddMinutes(-2)), ("webhook", Noon.AddMinutes(-3)));

        var decision = _policy.Evaluate(Step("winback", channel: "webhook"), state, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Contains("no cap applies", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_IgnoresADisabledDefaultCap()
    {
        var policy = NewPolicy(o => o.Caps["email-day"].Enabled = false);
        var state = Sent(("email", Noon.AddHours(-1)));

        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon).Outcome);
    }
}
