using System.Text.Json;
using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class ContactStateTests
{
    private readonly ContactPolicy _policy = NewPolicy();

    [Fact]
    public void Apply_RecordsTheSentContact_LikeEvaluateAllDoes()
    {
        var evaluation = _policy.EvaluateAll([Step("winback")], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        var applied = _policy.Apply(CustomerContactState.Empty, evaluation.Decisions[0]);

        Assert.Equal(evaluation.State.Contacts, applied.Contacts);
        Assert.Equal([new ContactRecord("email", Noon, "playbook:winback@1#0")], applied.Contacts);
    }

    [Fact]
    public void Apply_LeavesTheStateAlone_ForAnOutcomeOtherThanSend()
    {
        var state = Sent(("email", Noon.AddHours(-1)));
        var capped = _policy.Evaluate(Step("winback"), state, OfferBudgetState.None, Noon);

        Assert.Same(state, _policy.Apply(state, capped));
    }

    [Fact]
    public void EvaluateAll_LeavesTheGivenStateUnchanged()
    {
        var state = Sent(("email", Noon.AddDays(-3)));

        _policy.EvaluateAll([Step("winback")], state, OfferBudgetState.None, Noon);

        Assert.Single(state.Contacts);
    }

    [Fact]
    public void EvaluateAll_DropsContacts_OlderThanTheLongestCapWindow()
    {
        var state = Sent(("email", Noon.AddDays(-8)), ("email", Noon.AddDays(-7)), ("email", Noon.AddDays(-6)));

        var evaluation = _policy.EvaluateAll([Step("winback")], state, OfferBudgetState.None, Noon);

        Assert.Equal([Noon.AddDays(-6), Noon], evaluation.State.Contacts.Select(c => c.At));
        Assert.Equal(TimeSpan.FromDays(7), _policy.LongestWindow);
    }

    [Fact]
    public void EvaluateAll_DoesNotKeepContacts_OnChannelsNoCapCounts()
    {
        var evaluation = _policy.EvaluateAll([Step("winback", channel: "webhook")], CustomerContactState.Empty, OfferBudgetState.None, Noon);

        Assert.Equal(ContactOutcome.Send, evaluation.Decisions[0].Outcome);
        Assert.Empty(evaluation.State.Contacts);
    }

    [Fact]
    public void Prune_KeepsTheNewestContacts_UpToTheBound()
    {
        var policy = NewPolicy(o => o.Caps["everything"] = new FrequencyCapOptions { Channel = "*", Limit = 10_000, Window = TimeSpan.FromDays(30) });
        var state = Sent([.. Enumerable.Range(1, 300).Select(i => ("sms", Noon.AddMinutes(-i)))]);

        var pruned = policy.Prune(state, Noon);

        Assert.Equal(ContactPolicy.MaxRecordedContacts, pruned.Contacts.Count);
        Assert.Equal(Noon.AddMinutes(-ContactPolicy.MaxRecordedContacts), pruned.Contacts[0].At);
        Assert.Equal(Noon.AddMinutes(-1), pruned.Contacts[^1].At);
    }

    [Fact]
    public void State_GivesTheSameDecisions_AfterAJsonRoundTrip()
    {
        var state = Sent(("email", Noon.AddDays(-6)), ("sms", Noon.AddHours(-3))) with { TimeZone = "Asia/Tokyo" };
        var budget = new OfferBudgetState(new DateOnly(2026, 12, 7), 40m);

        var restoredState = JsonSerializer.Deserialize<CustomerContactState>(JsonSerializer.Serialize(state))!;
        var restoredBudget = JsonSerializer.Deserialize<OfferBudgetState>(JsonSerializer.Serialize(budget))!;

        Assert.Equal(state.Contacts, restoredState.Contacts);
        Assert.Equal(budget, restoredBudget);
        Assert.Equal(
            _policy.Evaluate(Step("winback", offer: 5m), state, budget, Noon),
            _policy.Evaluate(Step("winback", offer: 5m), restoredState, restoredBudget, Noon),
            DecisionComparer.Instance);
    }

    [Fact]
    public void EvaluateAll_GivesIdenticalDecisions_FromSeparatePolicyInstances()
    {
        var state = Sent(("email", Noon.AddDays(-6))) with { TimeZone = "Europe/Berlin" };
        ContactCandidate[] candidates = [Step("a", priority: 5), Step("b", priority: 5, channel: "sms"), Step("c", priority: 7, offer: 3m)];

        var first = _policy.EvaluateAll(candidates, state, OfferBudgetState.None, Noon);
        var second = NewPolicy().EvaluateAll(candidates, state, OfferBudgetState.None, Noon);

        Assert.Equal(first.Decisions, second.Decisions, DecisionComparer.Instance);
        Assert.Equal(first.State.Contacts, second.State.Contacts);
        Assert.Equal(first.Budget, second.Budget);
    }
}
