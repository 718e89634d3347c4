using ChurnActors.Retention.Policy;

namespace ChurnActors.Retention.Tests.Policy;

/// <summary>Candidates, states and instants shared by the policy tests.</summary>
internal static class PolicyFixtures
{
    public const string Customer = "customer-1";

    /// <summary>A Monday noon in UTC: outside the default quiet hours for a customer in UTC.</summary>
    public static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static ContactCandidate Step(string playbook, int priority = 50, string channel = "email", DateTimeOffset? due = null, decimal? offer = null, int step = 0, string customer = Customer) =>
        new(customer, ContactSource.Playbook(playbook, 1, step), channel, priority, due ?? Noon, offer);

    public static CustomerContactState Sent(params (string Channel, DateTimeOffset At)[] contacts) =>
        new() { Contacts = [.. contacts.Select(c => new ContactRecord(c.Channel, c.At, "playbook:earlier@1#0"))] };

    public static ContactPolicy NewPolicy(Action<ContactPolicyOptions>? configure = null)
    {
        var options = new ContactPolicyOptions();
        configure?.Invoke(options);
        return new ContactPolicy(options);
    }

    /// <summary>A policy without quiet hours, for tests about other rules at any hour.</summary>
    public static ContactPolicy AnyHourPolicy(Action<ContactPolicyOptions>? configure = null) => NewPolicy(o =>
    {
        o.QuietHoursStart = o.QuietHoursEnd = new TimeOnly(0, 0);
        configure?.Invoke(o);
    });
}
