namespace ChurnActors.Cli.Segment;

/// <summary>A product as it appears in Segment ecommerce event properties.</summary>
internal sealed record CatalogProduct(string ProductId, string Sku, string Name, string Category, decimal Price);
