using ChurnActors.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ChurnActors.Grains.Tests;

/// <summary>A delivery to a grain on another silo: the committed event crosses the wire whole.</summary>
public sealed class EventMessageTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Serializer_CarriesEveryFieldOfACommittedEvent_BetweenSilos()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var order = new LoggedEvent(
            42,
            "ann",
            new CustomerEvent(
                CallType.Track,
                EcommerceEvents.OrderCompleted,
                At,
                At.AddSeconds(3),
                "ann",
                "device-1",
                new CommerceDetails("o-1", 59.90m, "SPRING", [new ProductLine("p-1", "Shoes", 29.95m, 2)])),
            17,
            AnonymousHistoryEmpty: true);
        var view = new LoggedEvent(43, "anon:device-2", new CustomerEvent(CallType.Page, null, At, At, null, "device-2", CommerceDetails.None));

        var copy = serializer.Deserialize<LoggedEvent[]>(serializer.SerializeToArray<LoggedEvent[]>([order, view]));

        Assert.NotNull(copy);
        Assert.Equal(2, copy.Length);
        Assert.Equal(order with { Event = order.Event with { Commerce = CommerceDetails.None } }, copy[0] with { Event = copy[0].Event with { Commerce = CommerceDetails.None } });
        Assert.Equal(("o-1", 59.90m, "SPRING"), (copy[0].Event.Commerce.OrderId, copy[0].Event.Commerce.Amount, copy[0].Event.Commerce.Coupon));
        Assert.Equal(order.Event.Commerce.Products, copy[0].Event.Commerce.Products);
        Assert.Equal(view, copy[1]);
        Assert.Same(CommerceDetails.None, copy[1].Event.Commerce);
    }

    [Fact]
    public void Serializer_CarriesTheContactSignals_BetweenSilos()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var identify = new LoggedEvent(
            44,
            "ann",
            new CustomerEvent(CallType.Identify, null, At, At, "ann", null, CommerceDetails.None)
            {
                TimeZone = "Europe/Berlin",
                Country = "DE",
                Unsubscribed = false,
            });

        var copy = serializer.Deserialize<LoggedEvent>(serializer.SerializeToArray(identify))!;

        Assert.Equal(identify, copy);
        Assert.Equal(("Europe/Berlin", "DE", (bool?)false), (copy.Event.TimeZone, copy.Event.Country, copy.Event.Unsubscribed));
    }
}
