using ChurnActors.Retention.Control;
using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class ContactDeciderTests
{
    // With the default salt: user-6 is in the global control group; user-2 is in the 10% holdout of winback and of
    // browse-abandon but not of vip-rescue; user-0 is treated by all three (see ControlGroupsTests).
    private readonly ContactDecider _decider = new(new ControlGroups(new ControlGroupOptions()), NewPolicy());

    [Fact]
    public void Decide_RecordsControlWithWhatWouldHaveHappened_ForTheGlobalControlGroup()
    {
        var decision = _decider.Decide(Step("winback", customer: "user-6"), CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Control, decision.Outcome);
        Assert.Equal("control", decision.Code);
        Assert.Equal(ContactOutcome.Send, decision.WouldHave);
        Assert.Equal(ControlReason.Global, decision.Control!.Reason);
        Assert.Null(decision.Record);
        Assert.StartsWith("control: customer is in the global control group (5% of all customers), never contacted; would have been sent: email", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_RecordsControl_ForThePlaybooksHoldout()
    {
        var decision = _decider.Decide(Step("winback", customer: "user-2"), CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Control, decision.Outcome);
        Assert.Equal(ControlReason.Holdout, decision.Control!.Reason);
    }

    [Fact]
    public void Decide_RecordsWhatThePolicyWouldHaveDone_ForAControlCustomerAtNight()
    {
        var state = new CustomerContactState { TimeZone = "America/Los_Angeles" };

        var decision = _decider.Decide(Step("winback", customer: "user-6"), state, OfferBudgetState.None, Noon.AddHours(-7));

        Assert.Equal(ContactOutcome.Control, decision.Outcome);
        Assert.Equal(ContactOutcome.QuietHours, decision.WouldHave);
        Assert.Null(decision.DeferredUntil);
    }

    [Fact]
    public void Decide_GoesThroughThePolicy_ForATreatedCustomer()
    {
        var decision = _decider.Decide(Step("winback", customer: "user-0"), CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
        Assert.Equal(ControlArm.Treated, decision.Control!.Arm);
    }

    [Fact]
    public void Decide_UsesTheSourcesHoldoutShare_WhenGiven()
    {
        var decision = _decider.Decide(Step("winback", customer: "user-2"), CustomerContactState.Empty, OfferBudgetState.None, Noon, holdoutShare: 0);

        Assert.Equal(ContactOutcome.Send, decision.Outcome);
    }

    [Fact]
    public void DecideAll_LetsTheTreatedCandidateThrough_WhenAHigherPriorityOneIsHeldOut()
    {
        var heldOut = Step("winback", priority: 90, customer: "user-2", offer: 10m);
        var treated = Step("vip-rescue", priority: 10, customer: "user-2");

        var evaluation = _decider.DecideAll([heldOut, treated], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Control, ContactOutcome.Send], evaluation.Decisions.Select(d => d.Outcome));
        Assert.Equal([new ContactRecord("email", Noon, "playbook:vip-rescue@1#0")], evaluation.State.Contacts);
        Assert.Equal(OfferBudgetState.None, evaluation.Budget);
    }

    [Fact]
    public void Decide_KeepsTheGlobalControlGroupAwayFromCampaigns()
    {
        var campaign = new ContactCandidate("user-6", ContactSource.Campaign("spring-sale"), "email", 50, Noon);

        var decision = _decider.Decide(campaign, CustomerContactState.Empty, OfferBudgetState.None, Noon, holdoutShare: 0);

        Assert.Equal(ContactOutcome.Control, decision.Outcome);
        Assert.Equal(ControlReason.Global, decision.Control!.Reason);
        Assert.Equal("campaign:spring-sale", decision.Candidate.Source.Key);
    }
}
