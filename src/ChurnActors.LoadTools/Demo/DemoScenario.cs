using ChurnActors.Simulation.Segment;

namespace ChurnActors.LoadTools.Demo;

/// <summary>
/// The demo customers: a handful of readable shopping histories over the past ~120 days, chosen so churn
/// windows, first/last seen, refunds and identity stitching all have something to show, and so their churn scores differ
/// for reasons a reader can see: loyal regulars, a regular who lapsed, a browser who never bought, new customers and a
/// one-time buyer from long ago.
/// </summary>
public static class DemoScenario
{
    public const int DefaultCustomers = 8;

    public static int MaxCustomers => Journeys(DateTimeOffset.UnixEpoch).Count;

    /// <summary>The first <paramref name="customers"/> journeys, anchored at <paramref name="today"/> (UTC midnight).</summary>
    public static IReadOnlyList<DemoJourney> Build(int customers, DateTimeOffset today)
    {
        var all = Journeys(today);
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customers, all.Count);
        return [.. all.Take(customers)];
    }

    private static OrderLine L(CatalogProduct product, int quantity = 1) => new(product, quantity);

    private static List<DemoJourney> Journeys(DateTimeOffset today) =>
    [
        new DemoJourney("alice", "loyal regular: an order every few weeks across categories", today)
            .Identify(118, 9, new CustomerTraits("Alice Moreau", "alice@example.com", "plus"))
            .Page(118, 9, "Home", "/")
            .Viewed(118, 9, CommerceCatalog.GardeningBook)
            .Added(118, 9, CommerceCatalog.GardeningBook)
            .Added(118, 9, CommerceCatalog.CookBook)
            .CheckoutStarted(118, 9, "1001", L(CommerceCatalog.GardeningBook), L(CommerceCatalog.CookBook))
            .OrderCompleted(118, 9, "1001", L(CommerceCatalog.GardeningBook), L(CommerceCatalog.CookBook))
            .Page(85, 19, "Home & Kitchen", "/c/home-kitchen")
            .Viewed(85, 19, CommerceCatalog.FrenchPress)
            .OrderCompleted(85, 19, "1002", L(CommerceCatalog.FrenchPress), L(CommerceCatalog.CoffeeBeans, 2))
            .Viewed(41, 20, CommerceCatalog.Headphones)
            .Added(41, 20, CommerceCatalog.Headphones)
            .CheckoutStarted(41, 20, "1003", L(CommerceCatalog.Headphones))
            .OrderCompleted(41, 20, "1003", L(CommerceCatalog.Headphones))
            .Page(9, 8, "Home", "/")
            .Viewed(9, 8, CommerceCatalog.Headlamp)
            .OrderCompleted(2, 21, "1004", L(CommerceCatalog.Novel), L(CommerceCatalog.CoffeeBeans)),

        new DemoJourney("bob", "lapsing regular: ordered every ten days or so, no order for 92 days, last visit 76 days ago (churn risk)", today)
            .Identify(116, 12, new CustomerTraits("Bob Okafor", "bob@example.com", "free"))
            .Page(116, 12, "Home", "/")
            .Viewed(116, 12, CommerceCatalog.Charger)
            .Added(116, 12, CommerceCatalog.Charger)
            .CheckoutStarted(116, 12, "2001", L(CommerceCatalog.Charger))
            .OrderCompleted(116, 12, "2001", L(CommerceCatalog.Charger))
            .Page(101, 18, "Toys", "/c/toys")
            .Viewed(101, 18, CommerceCatalog.PuzzleBox)
            .OrderCompleted(101, 18, "2003", L(CommerceCatalog.CoffeeBeans))
            .OrderCompleted(92, 18, "2002", L(CommerceCatalog.PuzzleBox, 2))
            .Page(76, 7, "Home", "/")
            .Viewed(76, 7, CommerceCatalog.EReader),

        new DemoJourney("carol", "browses a lot and abandons carts, never buys", today)
            .Identify(63, 13, new CustomerTraits("Carol Lindqvist", "carol@example.com"))
            .Page(63, 13, "Home", "/")
            .Viewed(63, 13, CommerceCatalog.Tent)
            .Viewed(48, 21, CommerceCatalog.Tent)
            .Viewed(48, 21, CommerceCatalog.Headlamp)
            .Added(48, 21, CommerceCatalog.Tent)
            .CheckoutStarted(48, 21, "3001", L(CommerceCatalog.Tent))
            .Page(22, 22, "Outdoors", "/c/outdoors")
            .Viewed(22, 22, CommerceCatalog.Headlamp)
            .Added(22, 22, CommerceCatalog.Headlamp)
            .Viewed(4, 20, CommerceCatalog.ChefKnife)
            .Added(4, 20, CommerceCatalog.ChefKnife),

        new DemoJourney("dave", "bought electronics, refunded them a week later, came back for a small order", today)
            .Identify(96, 10, new CustomerTraits("Dave Mensah", "dave@example.com", "plus"))
            .Viewed(96, 10, CommerceCatalog.Headphones)
            .Added(96, 10, CommerceCatalog.Headphones)
            .Added(96, 10, CommerceCatalog.Charger)
            .CheckoutStarted(96, 10, "4001", L(CommerceCatalog.Headphones), L(CommerceCatalog.Charger))
            .OrderCompleted(96, 10, "4001", L(CommerceCatalog.Headphones), L(CommerceCatalog.Charger))
            .OrderRefunded(89, 15, "4001")
            .Page(33, 12, "Home & Kitchen", "/c/home-kitchen")
            .Viewed(33, 12, CommerceCatalog.ChefKnife)
            .OrderCompleted(33, 12, "4002", L(CommerceCatalog.ChefKnife)),

        new DemoJourney("erin", "anonymous visitor who signed up 12 days ago and bought", today)
            .Anonymously("demo-anon-erin")
            .Page(15, 20, "Home", "/")
            .Viewed(15, 20, CommerceCatalog.Serum)
            .Page(13, 21, "Beauty", "/c/beauty")
            .Viewed(13, 21, CommerceCatalog.Serum)
            .Identify(12, 19, new CustomerTraits("Erin Novak", "erin@example.com", "free"))
            .Added(12, 19, CommerceCatalog.Serum)
            .CheckoutStarted(12, 19, "5001", L(CommerceCatalog.Serum), L(CommerceCatalog.Novel))
            .OrderCompleted(12, 19, "5001", L(CommerceCatalog.Serum), L(CommerceCatalog.Novel))
            .Page(1, 8, "Home", "/"),

        new DemoJourney("frank", "brand new: signed up 5 days ago, first order right away", today)
            .Identify(5, 11, new CustomerTraits("Frank Ito", "frank@example.com", "free"))
            .Page(5, 11, "Grocery", "/c/grocery")
            .Viewed(5, 11, CommerceCatalog.CoffeeBeans)
            .Added(5, 11, CommerceCatalog.CoffeeBeans, 3)
            .CheckoutStarted(5, 11, "6001", L(CommerceCatalog.CoffeeBeans, 3))
            .OrderCompleted(5, 11, "6001", L(CommerceCatalog.CoffeeBeans, 3))
            .Viewed(3, 17, CommerceCatalog.FrenchPress),

        new DemoJourney("grace", "high-value buyer: large orders every month or two", today)
            .Identify(110, 9, new CustomerTraits("Grace Achebe", "grace@example.com", "pro"))
            .OrderCompleted(110, 9, "7001", L(CommerceCatalog.Tent), L(CommerceCatalog.Headlamp, 2))
            .Viewed(70, 14, CommerceCatalog.EReader)
            .OrderCompleted(70, 14, "7002", L(CommerceCatalog.EReader), L(CommerceCatalog.Novel, 3))
            .Viewed(28, 16, CommerceCatalog.Headphones)
            .OrderCompleted(28, 16, "7003", L(CommerceCatalog.Headphones), L(CommerceCatalog.Charger))
            .Page(6, 10, "Home", "/")
            .OrderCompleted(6, 10, "7004", L(CommerceCatalog.ChefKnife), L(CommerceCatalog.FrenchPress)),

        new DemoJourney("heidi", "one-time buyer four months ago, never came back", today)
            .Identify(120, 15, new CustomerTraits("Heidi Berg", "heidi@example.com", "free"))
            .Page(120, 15, "Home", "/")
            .Viewed(120, 15, CommerceCatalog.GardeningBook)
            .Added(120, 15, CommerceCatalog.GardeningBook)
            .CheckoutStarted(120, 15, "8001", L(CommerceCatalog.GardeningBook))
            .OrderCompleted(120, 15, "8001", L(CommerceCatalog.GardeningBook)),
    ];
}
