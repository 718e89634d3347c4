using System.Globalization;
using System.Text.Json;

namespace ChurnActors.Domain.Events;

/// <summary>
/// Reads the e-commerce fields of the Segment e-commerce spec v2 from an event's <c>properties</c>.
/// Lenient by design: numbers may arrive as JSON numbers or numeric strings; unknown fields are ignored.
/// </summary>
public static class CommerceParser
{
    public static CommerceDetails Parse(string? propertiesJson)
    {
        if (string.IsNullOrEmpty(propertiesJson))
        {
            return CommerceDetails.None;
        }

        using var document = JsonDocument.Parse(propertiesJson);
        return Parse(document.RootElement);
    }

    public static CommerceDetails Parse(JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object)
        {
            return CommerceDetails.None;
        }

        var orderId = ReadString(properties, "order_id");
        var coupon = ReadString(properties, "coupon");
        var products = ReadProducts(properties);
        var amount = ReadDecimal(properties, "revenue")
            ?? ReadDecimal(properties, "total")
            ?? ReadDecimal(properties, "value")
            ?? SumProducts(products);

        if (orderId is null && coupon is null && amount is null && products.Length == 0)
        {
            return CommerceDetails.None;
        }

        return new CommerceDetails(orderId, amount, coupon, products);
    }

    /// <summary>The event's products in an array of their exact number (most events name none or one).</summary>
    private static ProductLine[] ReadProducts(JsonElement properties)
    {
        if (properties.TryGetProperty("products", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var products = new ProductLine[array.GetArrayLength()];
            var count = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    products[count++] = ReadProduct(item);
                }
            }

            // Items that are not objects (rare) leave the tail unused.
            return count == products.Length ? products : products[..count];
        }

        if (ReadString(properties, "product_id") is not null || ReadString(properties, "sku") is not null)
        {
            // Product Viewed / Added / Removed / Reviewed carry one product at the top level.
            return [ReadProduct(properties)];
        }

        return [];
    }

    private static ProductLine ReadProduct(JsonElement item)
    {
        var quantity = ReadDecimal(item, "quantity");
        return new ProductLine(
            ReadString(item, "product_id") ?? ReadString(item, "sku"),
            ReadString(item, "category"),
            ReadDecimal(item, "price"),
            quantity is { } q && q >= 1 && q <= int.MaxValue ? (int)q : 1);
    }

    private static decimal? SumProducts(ProductLine[] products)
    {
        decimal? sum = null;
        foreach (var product in products)
        {
            if (product.Price is { } price)
            {
                sum = (sum ?? 0m) + (price * product.Quantity);
            }
        }

        return sum;
    }

    private static string? ReadString(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static decimal? ReadDecimal(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDecimal(out var d) => d,
            JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
