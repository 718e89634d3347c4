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
    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Utf8JsonWriter _json;
    private bool _completed;

    public SegmentBatchWriter(int initialCapacity = 16 * 1024)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
        _json = new Utf8JsonWriter(_buffer);
        _json.WriteStartObject();
        _json.WriteStartArray("batch");
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
        ObjectDisposedException.ThrowIf(_completed, this);
        if (message.UserId is null && message.AnonymousId is null)
        {
            throw new ArgumentException($"Message {message.MessageId} has neither userId nor anonymousId.", nameof(message));
        }

        _json.WriteStartObject();
        _json.WriteString("type", message.Type switch
        {
            SegmentCallType.Track => "track",
            SegmentCallType.Identify => "identify",
            SegmentCallType.Page => "page",
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Type, "Unsupported call type."),
        });
        _json.WriteString("messageId", message.MessageId);
        if (message.UserId is not null)
        {
            _json.WriteString("userId", message.UserId);
        }

        if (message.AnonymousId is not null)
        {
            _json.WriteString("anonymousId", message.AnonymousId);
        }

        switch (message.Type)
        {
            case SegmentCallType.Track:
                _json.WriteString("event", message.Event ?? throw new ArgumentException($"Track {message.MessageId} has no event name.", nameof(message)));
                _json.WriteStartObject("properties");
                WriteTrackProperties(message);
                _json.WriteEndObject();
                break;
            case SegmentCallType.Identify:
                if (message.Traits is { } traits)
                {
                    _json.WriteStartObject("traits");
                    _json.WriteString("name", traits.Name);
                    _json.WriteString("email", traits.Email);
                    if (traits.Plan is not null)
                    {
                        _json.WriteString("plan", traits.Plan);
                    }

                    _json.WriteEndObject();
                }

                break;
            case SegmentCallType.Page:
                if (message.Name is not null)
                {
                    _json.WriteString("name", message.Name);
                }

                _json.WriteStartObject("properties");
                if (message.Name is not null)
                {
                    _json.WriteString("title", message.Name);
                }

                if (message.Path is not null)
                {
                    _json.WriteString("path", message.Path);
                }

                _json.WriteEndObject();
                break;
        }

        _json.WriteString("timestamp", FormatTimestamp(message.Timestamp));
        _json.WriteEndObject();
        Count++;
    }

    /// <summary>Closes the body and returns its UTF-8 bytes. The writer cannot be used afterwards.</summary>
    public byte[] ToArray(DateTimeOffset? sentAt = null)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        _json.WriteEndArray();
        if (sentAt is { } at)
        {
            _json.WriteString("sentAt", FormatTimestamp(at));
        }

        _json.WriteEndObject();
        _json.Flush();
        return _buffer.WrittenSpan.ToArray();
    }

    public void Dispose() => _json.Dispose();

    private void WriteTrackProperties(SegmentEvent message)
    {
        if (message.Item is { } item)
        {
            WriteProductFields(item.Product);
            _json.WriteNumber("quantity", item.Quantity);
            _json.WriteString("currency", "USD");
        }

        if (message.Order is { } order)
        {
            _json.WriteString("order_id", order.OrderId);
            switch (message.Event)
            {
                case CommerceEvents.CheckoutStarted:
                    _json.WriteNumber("value", order.Total);
                    break;
                case CommerceEvents.OrderCompleted:
                    _json.WriteNumber("total", order.Total);
                    _json.WriteNumber("revenue", order.Total);
                    break;
                default:
                    _json.WriteNumber("total", order.Total);
                    break;
            }

            _json.WriteString("currency", order.Currency);
            _json.WriteStartArray("products");
            foreach (var line in order.Lines)
            {
                _json.WriteStartObject();
                WriteProductFields(line.Product);
                _json.WriteNumber("quantity", line.Quantity);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
        }
    }

    private void WriteProductFields(CatalogProduct product)
    {
        _json.WriteString("product_id", product.ProductId);
        _json.WriteString("sku", product.Sku);
        _json.WriteString("name", product.Name);
        _json.WriteString("category", product.Category);
        _json.WriteNumber("price", product.Price);
    }
}
