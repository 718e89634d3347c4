namespace ChurnActors.Simulation.Segment;

/// <summary>A small fixed product catalogue across several categories, shared by the bench and the demo.</summary>
public static class CommerceCatalog
{
    public static CatalogProduct GardeningBook { get; } = new("p-1001", "BK-GARDEN", "The Patient Gardener", "Books", 24.50m);
    public static CatalogProduct CookBook { get; } = new("p-1002", "BK-COOK", "Weeknight Soups", "Books", 18.00m);
    public static CatalogProduct Novel { get; } = new("p-1003", "BK-NOVEL", "The Lighthouse Keeper", "Books", 12.99m);
    public static CatalogProduct Headphones { get; } = new("p-2001", "EL-HEAD", "Noise-Cancelling Headphones", "Electronics", 189.00m);
    public static CatalogProduct Charger { get; } = new("p-2002", "EL-CHRG", "USB-C Charger 65W", "Electronics", 39.90m);
    public static CatalogProduct EReader { get; } = new("p-2003", "EL-READ", "E-Reader 7\"", "Electronics", 129.00m);
    public static CatalogProduct FrenchPress { get; } = new("p-3001", "HK-PRESS", "French Press 1L", "Home & Kitchen", 34.00m);
    public static CatalogProduct ChefKnife { get; } = new("p-3002", "HK-KNIFE", "Chef's Knife 20cm", "Home & Kitchen", 59.00m);
    public static CatalogProduct Tent { get; } = new("p-4001", "OD-TENT", "Two-Person Tent", "Outdoors", 249.00m);
    public static CatalogProduct Headlamp { get; } = new("p-4002", "OD-LAMP", "Rechargeable Headlamp", "Outdoors", 29.00m);
    public static CatalogProduct PuzzleBox { get; } = new("p-5001", "TY-PUZZ", "Wooden Puzzle Box", "Toys", 22.00m);
    public static CatalogProduct Serum { get; } = new("p-6001", "BT-SERUM", "Vitamin C Serum", "Beauty", 27.50m);
    public static CatalogProduct CoffeeBeans { get; } = new("p-7001", "GR-COFFEE", "Single-Origin Coffee Beans 1kg", "Grocery", 21.00m);

    public static IReadOnlyList<CatalogProduct> All { get; } =
    [
        GardeningBook, CookBook, Novel, Headphones, Charger, EReader, FrenchPress, ChefKnife, Tent, Headlamp, PuzzleBox, Serum, CoffeeBeans,
    ];
}
