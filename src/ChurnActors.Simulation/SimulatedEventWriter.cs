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
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public SimulatedEventWriter()
    {
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>A track call; <paramref name="properties"/> writes the members of the properties object.</summary>
    public byte[] Track(string eventName, string messageId, string? userId, string? anonymousId, DateTimeOffset timestamp, Action<Utf8JsonWriter> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        Begin("track", messageId, userId, anonymousId, timestamp);
        _json.WriteString("event", eventName);
        _json.WriteStartObject("properties");
        properties(_json);
        _json.WriteEndObject();
        return End();
    }

    /// <summary>An identify call tying <paramref name="anonymousId"/> to <paramref name="userId"/>.</summary>
    public byte[] Identify(string messageId, string userId, string? anonymousId, DateTimeOffset timestamp, string email)
    {
        Begin("identify", messageId, userId, anonymousId, timestamp);
        _json.WriteStartObject("traits");
        _json.WriteString("email", email);
        _json.WriteEndObject();
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

    public void Dispose() => _json.Dispose();

    private void Begin(string type, string messageId, string? userId, string? anonymousId, DateTimeOffset timestamp)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteString("messageId", messageId);
        if (userId is not null)
        {
            _json.WriteString("userId", userId);
        }

        if (anonymousId is not null)
        {
            _json.WriteString("anonymousId", anonymousId);
        }

        _json.WriteString("timestamp", SegmentBatchWriter.FormatTimestamp(timestamp));
    }

    private byte[] End()
    {
        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }
}
