namespace ChurnActors.Simulation.Segment;

/// <summary>A product as it appears in Segment ecommerce event properties.</summary>
public record CatalogProduct(string ProductId, string Sku, string Name, string Category, decimal Price);
