using System.Buffers;
using System.Text.Json;
using ChurnActors.Simulation.Segment;

namespace ChurnActors.Simulation;

/// <summary>
/// Serializes one simulated Segment message at a time (track with e-commerce v2 properties, or identify) to UTF-8
/// JSON. Every message has type, messageId, userId and/or anonymousId, timestamp, and event/properties or traits.
/// </summary>
public sealed class SimulatedEventWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter json;

    public SimulatedEventWriter()
    {
        json = new Utf8JsonWriter(buffer);
    }

    /// <summary>A track call; <paramref name="properties"/> writes the members of the properties object.</summary>
    public byte[] Track(string eventName, string messageId, string? userId, string? anonymousId, DateTimeOffset timestamp, Action<Utf8JsonWriter> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        Begin("track", messageId, userId, anonymousId, timestamp);
        json.WriteString("event", eventName);
        json.WriteStartObject("properties");
        properties(json);
        json.WriteEndObject();
        return End();
    }

    /// <summary>An identify call tying <paramref name="anonymousId"/> to <paramref name="userId"/>.</summary>
    public byte[] Identify(string messageId, string userId, string? anonymousId, DateTimeOffset timestamp, string email)
    {
        Begin("identify", messageId, userId, anonymousId, timestamp);
        json.WriteStartObject("traits");
        json.WriteString("email", email);
        json.WriteEndObject();
        return End();
    }

    public static void WriteProduct(Utf8JsonWriter json, CatalogProduct product, int quantity)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(product);
        json.WriteString("product_id", product.ProductId);
        json.WriteString("sku", product.Sku);
        json.WriteString("category", product.Category);
        json.WriteString("name", product.Name);
        json.WriteNumber("price", product.Price);
        json.WriteNumber("quantity", quantity);
    }

    public void Dispose() => json.Dispose();

    private void Begin(string type, string messageId, string? userId, string? anonymousId, DateTimeOffset timestamp)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteString("messageId", messageId);
        if (userId is not null)
        {
            json.WriteString("userId", userId);
        }

        if (anonymousId is not null)
        {
            json.WriteString("anonymousId", anonymousId);
        }

        json.WriteString("timestamp", SegmentBatchWriter.FormatTimestamp(timestamp));
    }

    private byte[] End()
    {
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
