using System.Globalization;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Simulation;

/// <summary>
/// The simulated shop's product range: 25 products in each of eight categories, with log-normally spread prices
/// around a typical price per category. Built from a fixed seed, so product ids and prices never change.
/// </summary>
public static class ShopCatalog
{
    public const int ProductsPerCategory = 25;

    private static readonly (string Name, string Code, double TypicalPrice)[] CategoryDefinitions =
    [
        ("Books", "BK", 16),
        ("Electronics", "EL", 90),
        ("Home & Kitchen", "HK", 35),
        ("Outdoors", "OD", 60),
        ("Toys", "TY", 25),
        ("Beauty", "BT", 22),
        ("Grocery", "GR", 12),
        ("Fashion", "FA", 45),
    ];

    public static IReadOnlyList<string> Categories { get; } = [.. CategoryDefinitions.Select(c => c.Name)];

    /// <summary>Products by category index, in the order of <see cref="Categories"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<CatalogProduct>> ByCategory { get; } = Build();

    private static IReadOnlyList<IReadOnlyList<CatalogProduct>> Build()
    {
        var random = new SimulationRandom(0x5EED_CA7A_1060UL);
        var categories = new List<IReadOnlyList<CatalogProduct>>();
        foreach (var (name, code, typical) in CategoryDefinitions)
        {
            var products = new List<CatalogProduct>();
            for (var i = 1; i <= ProductsPerCategory; i++)
            {
                var price = Math.Max(2.99, Math.Round(typical * Math.Exp(0.5 * random.NextNormal())) - 0.01);
                var number = i.ToString("D3", CultureInfo.InvariantCulture);
                products.Add(new CatalogProduct(
                    $"p-{code.ToLowerInvariant()}-{number}", $"{code}-{number}", $"{name} item {number}", name, (decimal)Math.Round(price, 2)));
            }

            categories.Add(products);
        }

        return categories;
    }
}
