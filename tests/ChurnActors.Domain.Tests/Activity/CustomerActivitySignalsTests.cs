using System.Text.Json;
using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Events;
using static ChurnActors.Domain.Tests.Activity.Events;

namespace ChurnActors.Domain.Tests.Activity;

/// <summary>The contact signals a customer's state keeps: time zone, country, the unsubscribed trait and event.</summary>
public sealed class CustomerActivitySignalsTests
{
    [Fact]
    public void Apply_KeepsTheLatestTimeZoneAndCountry_WhenLaterEventsSendNone()
    {
        var activity = new CustomerActivity();

        activity.Apply(Logged(1, Identify(Start, timeZone: "Europe/Berlin", country: "DE")));
        activity.Apply(Logged(2, Identify(Start.AddDays(1), timeZone: "America/New_York", country: "US")));
        activity.Apply(Logged(3, Page(Start.AddDays(2))));

        Assert.Equal("America/New_York", activity.TimeZone);
        Assert.Equal("US", activity.Country);
    }

    [Fact]
    public void Apply_FollowsLogOrder_WhenALaterEventHasAnEarlierTimestamp()
    {
        var activity = new CustomerActivity();

        activity.Apply(Logged(1, Identify(Start.AddDays(5), timeZone: "Europe/Berlin")));
        activity.Apply(Logged(2, Identify(Start, timeZone: "Asia/Tokyo")));

        Assert.Equal("Asia/Tokyo", activity.TimeZone);
    }

    [Fact]
    public void Apply_ResubscribesTheCustomer_WhenALaterTraitIsFalse()
    {
        var activity = new CustomerActivity();

        activity.Apply(Logged(1, Identify(Start, unsubscribed: true)));
        Assert.True(activity.UnsubscribedByTrait);

        activity.Apply(Logged(2, Page(Start.AddHours(1))));
        Assert.True(activity.UnsubscribedByTrait);

        activity.Apply(Logged(3, Identify(Start.AddHours(2), unsubscribed: false)));
        Assert.False(activity.UnsubscribedByTrait);
    }

    [Fact]
    public void Apply_RemembersTheFirstUnsubscribedEvent_AndKeepsIt()
    {
        var activity = new CustomerActivity();

        activity.Apply(Logged(1, Page(Start)));
        Assert.Null(activity.UnsubscribedAt);

        activity.Apply(Logged(2, Track(ContactEvents.Unsubscribed, Start.AddDays(1))));
        activity.Apply(Logged(3, Track(ContactEvents.Unsubscribed, Start.AddDays(3))));
        activity.Apply(Logged(4, Identify(Start.AddDays(4), unsubscribed: false)));

        Assert.Equal(Start.AddDays(1), activity.UnsubscribedAt);
        Assert.False(activity.UnsubscribedByTrait);
    }

    [Fact]
    public void Apply_KeepsTheSignals_AfterAStoredStateIsReadBack()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Identify(Start, timeZone: "Europe/Berlin", country: "DE", unsubscribed: true)));
        activity.Apply(Logged(2, Track(ContactEvents.Unsubscribed, Start.AddHours(1))));

        var reread = JsonSerializer.Deserialize<CustomerActivity>(JsonSerializer.Serialize(activity))!;

        Assert.Equal("Europe/Berlin", reread.TimeZone);
        Assert.Equal("DE", reread.Country);
        Assert.True(reread.UnsubscribedByTrait);
        Assert.Equal(Start.AddHours(1), reread.UnsubscribedAt);
    }

    [Fact]
    public void MergeAnonymousHistory_TakesTheVisitorsTimeZone_WhenTheCustomerHadNone()
    {
        var activity = new CustomerActivity();
        activity.Apply(Logged(1, Page(Start)));

        activity.MergeAnonymousHistory("a1", [Identify(Start.AddHours(-1), timeZone: "Europe/Paris", country: "FR")]);

        Assert.Equal("Europe/Paris", activity.TimeZone);
        Assert.Equal("FR", activity.Country);
    }
}
