using ChurnActors.Domain.Events;

namespace ChurnActors.Abstractions;

/// <summary>One product line of an event, on the wire between silos.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ProductMessage")]
public sealed record ProductMessage(
    [property: Id(0)] string? ProductId,
    [property: Id(1)] string? Category,
    [property: Id(2)] decimal? Price,
    [property: Id(3)] int Quantity)
{
    /// <summary>The wire form of an event's product lines (an empty array for none).</summary>
    public static ProductMessage[] FromLines(IReadOnlyList<ProductLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return [];
        }

        var products = new ProductMessage[lines.Count];
        for (var i = 0; i < products.Length; i++)
        {
            var p = lines[i];
            products[i] = new ProductMessage(p.ProductId, p.Category, p.Price, p.Quantity);
        }

        return products;
    }

    /// <summary>The product lines of their wire form.</summary>
    public static ProductLine[] ToLines(ProductMessage[] products)
    {
        ArgumentNullException.ThrowIfNull(products);
        if (products.Length == 0)
        {
            return [];
        }

        var lines = new ProductLine[products.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var p = products[i];
            lines[i] = new ProductLine(p.ProductId, p.Category, p.Price, p.Quantity);
        }

        return lines;
    }
}
