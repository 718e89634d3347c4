using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ChurnActors.Simulation.Segment;

/// <summary>
/// Writes one <c>POST /v1/batch</c> body (<c>{"batch":[...],"sentAt":...}</c>) with <see cref="Utf8JsonWriter"/>.
/// Add events with <see cref="Write"/>, then call <see cref="ToArray"/> once.
/// </summary>
public sealed class SegmentBatchWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer;
    private readonly Utf8JsonWriter json;
    private bool completed;

    public SegmentBatchWriter(int initialCapacity = 16 * 1024)
    {
        buffer = new ArrayBufferWriter<byte>(initialCapacity);
        json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WriteStartArray("batch");
    }

    /// <summary>Events written so far.</summary>
    public int Count { get; private set; }

    public static byte[] Build(IEnumerable<SegmentEvent> events, DateTimeOffset? sentAt = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var writer = new SegmentBatchWriter();
        foreach (var segmentEvent in events)
        {
            writer.Write(segmentEvent);
        }

        return writer.ToArray(sentAt);
    }

    /// <summary>ISO-8601 UTC with milliseconds, the form Segment libraries send.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void Write(SegmentEvent message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ObjectDisposedException.ThrowIf(completed, this);
        if (message.UserId is null && message.AnonymousId is null)
        {
            throw new ArgumentException($"Message {message.MessageId} has neither userId nor anonymousId.", nameof(message));
        }

        json.WriteStartObject();
        json.WriteString("type", message.Type switch
        {
            SegmentCallType.Track => "track",
            SegmentCallType.Identify => "identify",
            SegmentCallType.Page => "page",
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Type, "Unsupported call type."),
        });
        json.WriteString("messageId", message.MessageId);
        if (message.UserId is not null)
        {
            json.WriteString("userId", message.UserId);
        }

        if (message.AnonymousId is not null)
        {
            json.WriteString("anonymousId", message.AnonymousId);
        }

        switch (message.Type)
        {
            case SegmentCallType.Track:
                json.WriteString("event", message.Event ?? throw new ArgumentException($"Track {message.MessageId} has no event name.", nameof(message)));
                json.WriteStartObject("properties");
                WriteTrackProperties(message);
                json.WriteEndObject();
                break;
            case SegmentCallType.Identify:
                if (message.Traits is { } traits)
                {
                    json.WriteStartObject("traits");
                    json.WriteString("name", traits.Name);
                    json.WriteString("email", traits.Email);
                    if (traits.Plan is not null)
                    {
                        json.WriteString("plan", traits.Plan);
                    }

                    json.WriteEndObject();
                }

                break;
            case SegmentCallType.Page:
                if (message.Name is not null)
                {
                    json.WriteString("name", message.Name);
                }

                json.WriteStartObject("properties");
                if (message.Name is not null)
                {
                    json.WriteString("title", message.Name);
                }

                if (message.Path is not null)
                {
                    json.WriteString("path", message.Path);
                }

                json.WriteEndObject();
                break;
        }

        json.WriteString("timestamp", FormatTimestamp(message.Timestamp));
        json.WriteEndObject();
        Count++;
    }

    /// <summary>Closes the body and returns its UTF-8 bytes. The writer cannot be used afterwards.</summary>
    public byte[] ToArray(DateTimeOffset? sentAt = null)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        completed = true;
        json.WriteEndArray();
        if (sentAt is { } at)
        {
            json.WriteString("sentAt", FormatTimestamp(at));
        }

        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => json.Dispose();

    private void WriteTrackProperties(SegmentEvent message)
    {
        if (message.Item is { } item)
        {
            WriteProductFields(item.Product);
            json.WriteNumber("quantity", item.Quantity);
            json.WriteString("currency", "USD");
        }

        if (message.Order is { } order)
        {
            json.WriteString("order_id", order.OrderId);
            switch (message.Event)
            {
                case CommerceEvents.CheckoutStarted:
                    json.WriteNumber("value", order.Total);
                    break;
                case CommerceEvents.OrderCompleted:
                    json.WriteNumber("total", order.Total);
                    json.WriteNumber("revenue", order.Total);
                    break;
                default:
                    json.WriteNumber("total", order.Total);
                    break;
            }

            json.WriteString("currency", order.Currency);
            json.WriteStartArray("products");
            foreach (var line in order.Lines)
            {
                json.WriteStartObject();
                WriteProductFields(line.Product);
                json.WriteNumber("quantity", line.Quantity);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
    }

    private void WriteProductFields(CatalogProduct product)
    {
        json.WriteString("product_id", product.ProductId);
        json.WriteString("sku", product.Sku);
        json.WriteString("name", product.Name);
        json.WriteString("category", product.Category);
        json.WriteNumber("price", product.Price);
    }
}
