namespace ChurnActors.Cli.Import;

/// <summary>One product of an imported event (an order line, or the product of a product event).</summary>
internal sealed record ImportedProduct(string? ProductId, string? Name, string? Category, decimal? Price, int? Quantity);
