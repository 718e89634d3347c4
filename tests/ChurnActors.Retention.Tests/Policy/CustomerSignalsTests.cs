using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using ChurnActors.Retention.Policy;
using static ChurnActors.Retention.Tests.Policy.PolicyFixtures;

namespace ChurnActors.Retention.Tests.Policy;

public sealed class CustomerSignalsTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Suppression_IsNone_ForACustomerWhoNeverUnsubscribed()
    {
        var activity = Activity(Identify(1, unsubscribed: false, timeZone: "Europe/Berlin"));

        Assert.Equal(SuppressionSignals.None, CustomerSignals.Suppression(activity, onAdminList: false));
    }

    [Fact]
    public void Suppression_NamesEverySignalTheCustomerGave()
    {
        var activity = Activity(
            Identify(1, unsubscribed: true),
            new LoggedEvent(2, "u1", new CustomerEvent(CallType.Track, ContactEvents.Unsubscribed, Start, Start, "u1", null, CommerceDetails.None)));

        Assert.Equal(
            SuppressionSignals.UnsubscribedTrait | SuppressionSignals.UnsubscribedEvent | SuppressionSignals.AdminList,
            CustomerSignals.Suppression(activity, onAdminList: true));
    }

    [Fact]
    public void Suppression_DropsTheTrait_WhenTheCustomerResubscribes()
    {
        var activity = Activity(Identify(1, unsubscribed: true), Identify(2, unsubscribed: false));

        Assert.Equal(SuppressionSignals.None, CustomerSignals.Suppression(activity, onAdminList: false));
    }

    [Fact]
    public void Apply_SuppressesAStepThePolicyWouldSend_AfterTheCustomerUnsubscribes()
    {
        var policy = NewPolicy();
        var activity = Activity(Identify(1, timeZone: "Europe/Berlin"));
        var before = CustomerSignals.Apply(CustomerContactState.Empty, activity, onAdminList: false);
        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback"), before, OfferBudgetState.None, Noon).Outcome);

        activity.Apply(Identify(2, unsubscribed: true));
        var after = CustomerSignals.Apply(before, activity, onAdminList: false);

        Assert.Equal("Europe/Berlin", after.TimeZone);
        Assert.Equal(ContactOutcome.Suppressed, policy.Evaluate(Step("winback"), after, OfferBudgetState.None, Noon).Outcome);
    }

    [Fact]
    public void Apply_DefersAStep_InTheCustomersOwnNight()
    {
        var policy = NewPolicy();
        var activity = Activity(Identify(1, timeZone: "Asia/Tokyo"));

        var state = CustomerSignals.Apply(CustomerContactState.Empty, activity, onAdminList: false);

        // 14:00 UTC is 23:00 in Tokyo: night there, day for a customer without a time zone (the shop's default, UTC).
        var at = Noon.AddHours(2);
        Assert.Equal(ContactOutcome.QuietHours, policy.Evaluate(Step("winback", due: at), state, OfferBudgetState.None, at).Outcome);
        Assert.Equal(ContactOutcome.Send, policy.Evaluate(Step("winback", due: at), CustomerContactState.Empty, OfferBudgetState.None, at).Outcome);
    }

    private static CustomerActivity Activity(params LoggedEvent[] events)
    {
        var activity = new CustomerActivity();
        foreach (var e in events)
        {
            activity.Apply(e);
        }

        return activity;
    }

    private static LoggedEvent Identify(long sequence, bool? unsubscribed = null, string? timeZone = null) =>
        new(sequence, "u1", new CustomerEvent(CallType.Identify, null, Start, Start, "u1", null, CommerceDetails.None)
        {
            Unsubscribed = unsubscribed,
            TimeZone = timeZone,
        });
}
