using System.Text.Json;
using ChurnActors.Simulation.Segment;
using ChurnActors.Simulation;
using ChurnActors.Ingest;

namespace ChurnActors.Cli.Import;

/// <summary>
/// Turns an <see cref="ImportedEvent"/> into the Segment track message live clients would send: <c>order_id</c>,
/// <c>revenue</c>/<c>total</c>, <c>currency</c> and <c>products[]</c> for orders (a refund carries <c>total</c> only);
/// the product's fields at the top level for an event with one product and no order id. An order too large for one
/// event (<see cref="IngestLimits.MaxEventBytes"/>) loses its product names, and if that is not enough its product
/// lines; its order id and amount stay (and the tally counts it).
/// </summary>
internal sealed class ImportedEventWriter(ImportTally tally) : IDisposable
{
    private readonly SimulatedEventWriter _writer = new();

    public SourceMessage Write(long line, ImportedEvent imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var json = Track(imported, Detail.Full);
        if (json.Length > IngestLimits.MaxEventBytes)
        {
            tally.Trimmed();
            json = Track(imported, Detail.WithoutNames);
            if (json.Length > IngestLimits.MaxEventBytes)
            {
                json = Track(imported, Detail.WithoutProducts);
            }
        }

        return new SourceMessage(line, json);
    }

    public void Dispose() => _writer.Dispose();

    private byte[] Track(ImportedEvent imported, Detail detail) =>
        _writer.Track(imported.Event, imported.MessageId, imported.UserId, imported.AnonymousId, imported.Timestamp, json => WriteProperties(json, imported, detail));

    private static void WriteProperties(Utf8JsonWriter json, ImportedEvent imported, Detail detail)
    {
        var asOrder = imported.OrderId is not null || imported.Products.Count > 1;
        if (imported.OrderId is not null)
        {
            json.WriteString("order_id", imported.OrderId);
        }

        if (imported.Amount is { } amount)
        {
            if (imported.Event != CommerceEvents.OrderRefunded)
            {
                json.WriteNumber("revenue", amount);
            }

            json.WriteNumber("total", amount);
        }

        if (imported.Currency is not null)
        {
            json.WriteString("currency", imported.Currency);
        }

        if (asOrder)
        {
            if (imported.Products.Count > 0 && detail != Detail.WithoutProducts)
            {
                json.WriteStartArray("products");
                foreach (var product in imported.Products)
                {
                    json.WriteStartObject();
                    WriteProduct(json, detail == Detail.WithoutNames ? product with { Name = null } : product);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
        }
        else if (imported.Products.Count == 1)
        {
            WriteProduct(json, imported.Products[0]);
        }
    }

    private static void WriteProduct(Utf8JsonWriter json, ImportedProduct product)
    {
        if (product.ProductId is not null)
        {
            json.WriteString("product_id", product.ProductId);
        }

        if (product.Name is not null)
        {
            json.WriteString("name", product.Name);
        }

        if (product.Category is not null)
        {
            json.WriteString("category", product.Category);
        }

        if (product.Price is { } price)
        {
            json.WriteNumber("price", price);
        }

        if (product.Quantity is { } quantity)
        {
            json.WriteNumber("quantity", quantity);
        }
    }

    /// <summary>How much of the products an event carries.</summary>
    private enum Detail
    {
        Full,
        WithoutNames,
        WithoutProducts,
    }
}
