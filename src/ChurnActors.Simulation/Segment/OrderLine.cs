namespace ChurnActors.Simulation.Segment;

/// <summary>A product with a quantity, as listed in an order's or cart's <c>products</c> array.</summary>
public sealed record OrderLine(CatalogProduct Product, int Quantity = 1)
{
    public decimal Amount => Product.Price * Quantity;
}
