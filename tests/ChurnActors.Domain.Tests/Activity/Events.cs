using ChurnActors.Domain.Events;

namespace ChurnActors.Domain.Tests.Activity;

/// <summary>Builders for test events.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static CustomerEvent Track(string name, DateTimeOffset at, CommerceDetails? commerce = null, string? userId = "u1", string? anonymousId = null) =>
        new(CallType.Track, name, at, at, userId, anonymousId, commerce ?? CommerceDetails.None);

    public static CustomerEvent Page(DateTimeOffset at, string? userId = "u1", string? anonymousId = null) =>
        new(CallType.Page, null, at, at, userId, anonymousId, CommerceDetails.None);

    public static CustomerEvent Order(DateTimeOffset at, string orderId, decimal amount) =>
        Track(EcommerceEvents.OrderCompleted, at, new CommerceDetails(orderId, amount, null, []));

    public static CustomerEvent Identify(DateTimeOffset at, string? timeZone = null, string? country = null, bool? unsubscribed = null) =>
        new(CallType.Identify, null, at, at, "u1", null, CommerceDetails.None) { TimeZone = timeZone, Country = country, Unsubscribed = unsubscribed };

    public static LoggedEvent Logged(long sequence, CustomerEvent e, string customerKey = "u1") => new(sequence, customerKey, e);
}
