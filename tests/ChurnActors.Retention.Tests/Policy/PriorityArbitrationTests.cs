using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class PriorityArbitrationTests
{
    private static readonly ContactCandidate Winback = Step("winback", priority: 10);
    private static readonly ContactCandidate VipRescue = Step("vip-rescue", priority: 90);
    private static readonly ContactCandidate BrowseAbandon = Step("browse-abandon", priority: 50);

    private readonly ContactPolicy _policy = NewPolicy();

    [Fact]
    public void EvaluateAll_SendsTheHighestPriority_AndCapsTheOthersNamingIt()
    {
        var evaluation = _policy.EvaluateAll([Winback, VipRescue, BrowseAbandon], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Capped, ContactOutcome.Send, ContactOutcome.Capped], evaluation.Decisions.Select(d => d.Outcome));
        Assert.Equal(VipRescue.Source, evaluation.Decisions[0].Winner);
        Assert.Equal(VipRescue.Source, evaluation.Decisions[2].Winner);
        Assert.Equal(
            "capped: email-day (1 email in 1d) is full: 1 sent since 2026-12-06 12:00 +00:00, the last by playbook:vip-rescue@1#0 at 2026-12-07 12:00 +00:00; " +
            "the last slot went to playbook:vip-rescue@1#0 in this evaluation because its priority is higher (90 > 10); room again from 2026-12-08 12:00 +00:00",
            evaluation.Decisions[0].Reason);
        Assert.Equal([new ContactRecord("email", Noon, "playbook:vip-rescue@1#0")], evaluation.State.Contacts);
    }

    [Fact]
    public void EvaluateAll_SendsTheTwoHighest_WhenTheCapHasTwoSlots()
    {
        var policy = NewPolicy(o => o.Caps["email-day"].Enabled = false);

        var evaluation = policy.EvaluateAll([Winback, VipRescue, BrowseAbandon], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Capped, ContactOutcome.Send, ContactOutcome.Send], evaluation.Decisions.Select(d => d.Outcome));
        Assert.Equal(BrowseAbandon.Source, evaluation.Decisions[0].Winner);
        Assert.Equal(2, evaluation.State.Contacts.Count);
    }

    [Fact]
    public void EvaluateAll_NamesNoWinner_WhenEarlierContactsFilledTheCap()
    {
        var state = Sent(("email", Noon.AddHours(-2)));

        var evaluation = _policy.EvaluateAll([Winback, VipRescue], state, OfferBudgetState.None, Noon);

        Assert.All(evaluation.Decisions, d =>
        {
            Assert.Equal(ContactOutcome.Capped, d.Outcome);
            Assert.Null(d.Winner);
            Assert.Contains("the last by playbook:earlier@1#0", d.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EvaluateAll_PrefersTheEarlierDueTime_AmongEqualPriorities()
    {
        var early = Step("zeta", priority: 50, due: Noon.AddMinutes(-5));
        var late = Step("alpha", priority: 50, due: Noon);

        var evaluation = _policy.EvaluateAll([late, early], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Capped, ContactOutcome.Send], evaluation.Decisions.Select(d => d.Outcome));
        Assert.Contains("because it has the same priority (50) and was due earlier", evaluation.Decisions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateAll_PrefersTheOrdinallySmallerSourceId_AmongEqualPrioritiesAndDueTimes()
    {
        var alpha = Step("alpha", priority: 50);
        var beta = Step("beta", priority: 50);

        var evaluation = _policy.EvaluateAll([beta, alpha], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Capped, ContactOutcome.Send], evaluation.Decisions.Select(d => d.Outcome));
        Assert.Contains("because it has the same priority (50) and due time, and its source id sorts first", evaluation.Decisions[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateAll_GivesTheSameDecisions_InEveryInputOrder()
    {
        ContactCandidate[][] orders =
        [
            [Winback, VipRescue, BrowseAbandon], [Winback, BrowseAbandon, VipRescue], [VipRescue, Winback, BrowseAbandon],
            [VipRescue, BrowseAbandon, Winback], [BrowseAbandon, Winback, VipRescue], [BrowseAbandon, VipRescue, Winback],
        ];

        var outcomes = orders
            .Select(order => _policy.EvaluateAll(order, CustomerContactState.Empty, OfferBudgetState.None, Noon).Decisions
                .OrderBy(d => d.Candidate.Source.Key, StringComparer.Ordinal)
                .Select(d => $"{d.Candidate.Source.Key}={d.Code}:{d.Reason}")
                .ToArray())
            .ToList();

        Assert.All(outcomes, o => Assert.Equal(outcomes[0], o));
        Assert.Contains("playbook:vip-rescue@1#0=sent", outcomes[0][1], StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateAll_LetsALowerPriorityThrough_OnAChannelWithRoom()
    {
        var sms = Step("winback", priority: 10, channel: "sms");

        var evaluation = _policy.EvaluateAll([sms, VipRescue, BrowseAbandon], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal([ContactOutcome.Send, ContactOutcome.Send, ContactOutcome.Capped], evaluation.Decisions.Select(d => d.Outcome));
    }

    [Fact]
    public void EvaluateAll_RejectsCandidatesForDifferentCustomers()
    {
        var other = Step("winback", customer: "customer-2");

        var error = Assert.Throws<ArgumentException>(() => _policy.EvaluateAll([VipRescue, other], CustomerContactState.Empty, OfferBudgetState.None, Noon));

        Assert.Contains("must be for one customer", error.Message, StringComparison.Ordinal);
    }
}
