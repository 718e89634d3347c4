using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChurnActors.Domain.Events;

namespace ChurnActors.Ingest;

/// <summary>
/// Reads request bodies of the Segment HTTP Tracking API (<c>/v1/batch</c> and the single-call endpoints) into
/// validated events. A request is taken whole or not at all: any problem refuses every message of it, and every
/// problem is reported so the sender can fix them in one go.
/// </summary>
public static class SegmentParser
{
    private const int MaxProblemsReported = 20;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <param name="body">The (decompressed) request body.</param>
    /// <param name="endpointCall">The call named by the URL, or null for <c>/v1/batch</c>.</param>
    /// <param name="receivedAt">When the request arrived (server clock).</param>
    public static SegmentParseResult Parse(ReadOnlyMemory<byte> body, CallType? endpointCall, DateTimeOffset receivedAt) =>
        Parse(body, endpointCall, receivedAt, "");

    /// <param name="body">The (decompressed) request body.</param>
    /// <param name="endpointCall">The call named by the URL, or null for <c>/v1/batch</c>.</param>
    /// <param name="receivedAt">When the request arrived (server clock).</param>
    /// <param name="source">
    /// The <see cref="IncomingEvent.Source"/> given to every event, when it is already known (write key in the
    /// Authorization header); empty otherwise.
    /// </param>
    public static SegmentParseResult Parse(ReadOnlyMemory<byte> body, CallType? endpointCall, DateTimeOffset receivedAt, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Refused(new IngestProblem(
                IngestProblemKind.Malformed, null, null,
                $"The request body is not valid JSON ({ex.Message}). Send one JSON object, UTF-8 encoded."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused(new IngestProblem(
                    IngestProblemKind.Malformed, null, null,
                    $"The request body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; send a JSON object."));
            }

            if (JsonTextCheck.Find(body.Span) != JsonTextFault.None)
            {
                // Text the event log cannot store is refused here, before it can join (and fail) a commit.
                var textProblems = new List<IngestProblem>();
                JsonTextCheck.Report(root, endpointCall is null, textProblems, MaxProblemsReported);
                if (textProblems.Count == 0)
                {
                    textProblems.Add(new IngestProblem(
                        IngestProblemKind.Malformed, null, null, "The request body is not valid UTF-8 JSON; send one JSON object, UTF-8 encoded."));
                }

                return new SegmentParseResult(CleanWriteKey(root), [], textProblems);
            }

            var writeKey = ReadString(root, "writeKey"u8);
            var batchSentAt = ReadTimestamp(root, "sentAt"u8, out _);
            var problems = new List<IngestProblem>();
            var events = new List<IncomingEvent>();

            if (endpointCall is { } call)
            {
                ReadMessage(root, null, call, batchSentAt, receivedAt, source, events, problems);
            }
            else if (!root.TryGetProperty("batch"u8, out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new IngestProblem(
                    IngestProblemKind.Malformed, null, "batch",
                    "A /v1/batch body needs a \"batch\" array of messages, e.g. {\"batch\":[{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Order Completed\"}]}."));
            }
            else
            {
                events.Capacity = batch.GetArrayLength();
                var index = 0;
                foreach (var message in batch.EnumerateArray())
                {
                    ReadMessage(message, index, null, batchSentAt, receivedAt, source, events, problems);
                    index++;
                    if (problems.Count >= MaxProblemsReported)
                    {
                        break;
                    }
                }

                if (index == 0)
                {
                    problems.Add(new IngestProblem(
                        IngestProblemKind.Invalid, null, "batch", "The \"batch\" array is empty; send at least one message."));
                }
            }

            return problems.Count == 0
                ? new SegmentParseResult(writeKey, events, [])
                : new SegmentParseResult(writeKey, [], problems);
        }
    }

    private static SegmentParseResult Refused(IngestProblem problem) => new(null, [], [problem]);

    /// <summary>
    /// The writeKey of a body whose text the log cannot keep, when the key's own text is sound: it decides between
    /// 401 and the body's problems. Names are compared as sent, since unescaping one with a lone surrogate throws.
    /// </summary>
    private static string? CleanWriteKey(JsonElement root)
    {
        string? writeKey = null;
        foreach (var property in root.EnumerateObject())
        {
            if (JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual("writeKey"u8))
            {
                var value = property.Value;
                writeKey = value.ValueKind == JsonValueKind.String && JsonTextCheck.Find(JsonMarshal.GetRawUtf8Value(value)) == JsonTextFault.None
                    ? StringValue(value)
                    : null;
            }
        }

        return writeKey;
    }

    private static void ReadMessage(
        JsonElement message,
        int? index,
        CallType? endpointCall,
        DateTimeOffset? batchSentAt,
        DateTimeOffset receivedAt,
        string source,
        List<IncomingEvent> events,
        List<IngestProblem> problems)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new IngestProblem(IngestProblemKind.Malformed, index, null,
                $"The message is a JSON {message.ValueKind.ToString().ToLowerInvariant()}; each message must be an object."));
            return;
        }

        var raw = JsonMarshal.GetRawUtf8Value(message);
        if (raw.Length > IngestLimits.MaxEventBytes)
        {
            problems.Add(new IngestProblem(IngestProblemKind.TooLarge, index, null,
                $"The message is {raw.Length:N0} bytes; one event may be at most {IngestLimits.MaxEventBytes:N0} bytes. Trim its properties or context."));
            return;
        }

        var fields = MessageFields.Read(message);
        CallType call;
        if (endpointCall is { } fromUrl)
        {
            call = fromUrl;
        }
        else
        {
            var type = StringValue(fields.Type) ?? StringValue(fields.Action);
            if (!CallTypes.TryParse(type?.ToLowerInvariant(), out call))
            {
                problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "type",
                    type is null
                        ? "The message has no \"type\"; set it to one of track, identify, page, screen, group, alias."
                        : $"The message type \"{type}\" is unknown; use one of track, identify, page, screen, group, alias."));
                return;
            }
        }

        var userId = IdValue(fields.UserId);
        var anonymousId = IdValue(fields.AnonymousId);
        if (call == CallType.Alias && anonymousId is null)
        {
            // alias links previousId to userId: treat previousId like the anonymous identity it replaces.
            anonymousId = IdValue(fields.PreviousId);
        }

        if (IdTooLong(userId, "userId", index, problems)
            || IdTooLong(anonymousId, call == CallType.Alias && IdValue(fields.AnonymousId) is null ? "previousId" : "anonymousId", index, problems))
        {
            return;
        }

        if (userId is null && anonymousId is null)
        {
            problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "userId",
                "The message has neither \"userId\" nor \"anonymousId\"; set at least one so the event can be tied to a customer."));
            return;
        }

        string? name;
        if (call == CallType.Track)
        {
            name = EventName(fields.Event);
            if (name is null)
            {
                problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "event",
                    "A track message needs an \"event\" name, e.g. \"Order Completed\"."));
                return;
            }
        }
        else
        {
            name = StringValue(fields.Name);
        }

        var timestamp = TimestampValue(fields.Timestamp, out var badTimestamp)
            ?? TimestampValue(fields.OriginalTimestamp, out badTimestamp);
        if (badTimestamp)
        {
            problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "timestamp",
                "The timestamp is not an ISO-8601 date-time; send e.g. \"2026-11-29T10:00:00.000Z\"."));
            return;
        }

        var sentAt = TimestampValue(fields.SentAt, out _) ?? batchSentAt;
        if (CorrectClockSkew(timestamp, sentAt, receivedAt) is not { } corrected)
        {
            problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "timestamp",
                "The timestamp moved by the client's clock skew (the time received minus \"sentAt\") falls outside years 1 to 9999; check the sender's \"timestamp\" and \"sentAt\"."));
            return;
        }

        var occurredAt = ToStoredPrecision(corrected);

        var properties = call is CallType.Identify or CallType.Group ? fields.Traits : fields.Properties;
        byte[]? propertiesJson = null;
        var commerce = CommerceDetails.None;
        if (properties.ValueKind == JsonValueKind.Object)
        {
            propertiesJson = JsonMarshal.GetRawUtf8Value(properties).ToArray();
            if (call == CallType.Track)
            {
                CommerceDetails? read;
                try
                {
                    read = CommerceParser.Parse(properties);
                }
                catch (OverflowException)
                {
                    read = null; // the products' price * quantity added up beyond decimal's range
                }

                if (read is null || !WithinAmountLimit(read))
                {
                    problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, "properties",
                        $"An amount (revenue, total, value, a product's price, or price * quantity summed over the products) is beyond ±{IngestLimits.MaxAmount:N0}; send amounts in the currency's units."));
                    return;
                }

                commerce = read;
            }
        }

        var messageId = IdValue(fields.MessageId) ?? DerivedMessageId(raw);
        var context = ContextFields.Read(fields.Context);
        events.Add(new IncomingEvent(
            source,
            messageId,
            sentAt,
            propertiesJson,
            new CustomerEvent(call, name, occurredAt, ToStoredPrecision(receivedAt), userId, anonymousId, commerce)
            {
                TimeZone = SignalString(context.Timezone),
                Unsubscribed = UnsubscribedSignal(call, fields.Traits, context.Traits),
                Country = CountrySignal(call, fields.Traits, context),
            }));
    }

    /// <summary>
    /// The <c>unsubscribed</c> trait: of an identify call's <c>traits</c>, else of <c>context.traits</c> (any call). Only a
    /// JSON boolean counts; any other value is ignored, so a sender's typo neither loses the event nor unsubscribes anyone.
    /// </summary>
    private static bool? UnsubscribedSignal(CallType call, JsonElement traits, JsonElement contextTraits)
    {
        if (call == CallType.Identify && BooleanProperty(traits, "unsubscribed"u8) is { } fromTraits)
        {
            return fromTraits;
        }

        return BooleanProperty(contextTraits, "unsubscribed"u8);
    }

    /// <summary>
    /// The country: <c>traits.address.country</c>, else <c>traits.country</c> (an identify call's traits, then
    /// <c>context.traits</c> of any call), else <c>context.location.country</c>.
    /// </summary>
    private static string? CountrySignal(CallType call, JsonElement traits, ContextFields context)
    {
        if (call == CallType.Identify && TraitsCountry(traits) is { } fromTraits)
        {
            return fromTraits;
        }

        if (TraitsCountry(context.Traits) is { } fromContextTraits)
        {
            return fromContextTraits;
        }

        return context.Location.ValueKind == JsonValueKind.Object && context.Location.TryGetProperty("country"u8, out var country)
            ? SignalString(country)
            : null;
    }

    private static string? TraitsCountry(JsonElement traits)
    {
        if (traits.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (traits.TryGetProperty("address"u8, out var address) && address.ValueKind == JsonValueKind.Object
            && address.TryGetProperty("country"u8, out var addressCountry) && SignalString(addressCountry) is { } fromAddress)
        {
            return fromAddress;
        }

        return traits.TryGetProperty("country"u8, out var country) ? SignalString(country) : null;
    }

    private static bool? BooleanProperty(JsonElement element, ReadOnlySpan<byte> name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            }
            : null;

    /// <summary>A non-blank string of at most <see cref="ContactEvents.MaxSignalLength"/> chars, trimmed; else null.</summary>
    private static string? SignalString(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { } text)
        {
            return null;
        }

        text = text.Trim();
        return text.Length is > 0 and <= ContactEvents.MaxSignalLength ? text : null;
    }

    /// <summary>
    /// UTC at whole microseconds, the precision of PostgreSQL's timestamptz, so an event applied live equals the
    /// same event read back from the log.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>
    /// The client's clock may be wrong; the gap between its <c>sentAt</c> and its <c>timestamp</c> is not.
    /// Without <c>sentAt</c> the timestamp is taken as given (historical import); without a timestamp the
    /// event happened when it was received.
    /// </summary>
    /// <returns>Null when the corrected time falls outside the range of <see cref="DateTimeOffset"/>.</returns>
    private static DateTimeOffset? CorrectClockSkew(DateTimeOffset? timestamp, DateTimeOffset? sentAt, DateTimeOffset receivedAt)
    {
        if (timestamp is null)
        {
            return receivedAt;
        }

        if (sentAt is null)
        {
            return timestamp.Value;
        }

        // Both terms are within ±3.2e18 ticks, so the sum cannot overflow a long.
        var ticks = timestamp.Value.UtcTicks + (receivedAt - sentAt.Value).Ticks;
        return ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
    }

    private static bool WithinAmountLimit(CommerceDetails commerce)
    {
        if (commerce.Amount is { } amount && Math.Abs(amount) > IngestLimits.MaxAmount)
        {
            return false;
        }

        var products = commerce.Products;
        for (var i = 0; i < products.Count; i++)
        {
            if (products[i].Price is { } price && Math.Abs(price) > IngestLimits.MaxAmount)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Ids name customers in indexed text columns (identity links, wake-ups), and PostgreSQL cannot index a value of a
    /// third of a page or more: a longer id would fail every commit it joined.
    /// </summary>
    private static bool IdTooLong(string? id, string field, int? index, List<IngestProblem> problems)
    {
        // UTF-8 takes at most three bytes per UTF-16 char, so most ids need no count.
        if (id is null || id.Length <= IngestLimits.MaxIdBytes / 3)
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetByteCount(id);
        if (bytes <= IngestLimits.MaxIdBytes)
        {
            return false;
        }

        problems.Add(new IngestProblem(IngestProblemKind.Invalid, index, field,
            $"The \"{field}\" is {bytes:N0} bytes of UTF-8; an id may be at most {IngestLimits.MaxIdBytes:N0} bytes. Send a shorter id (e.g. the database key, not a document)."));
        return true;
    }

    /// <summary>Messages without an id get one from their bytes, so a retried identical message is still deduplicated.</summary>
    private static string DerivedMessageId(ReadOnlySpan<byte> raw)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(raw, hash);
        return "sha256:" + Convert.ToHexStringLower(hash[..16]);
    }

    private static string? ReadString(JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) ? StringValue(value) : null;

    private static DateTimeOffset? ReadTimestamp(JsonElement element, ReadOnlySpan<byte> name, out bool malformed)
    {
        if (element.TryGetProperty(name, out var value))
        {
            return TimestampValue(value, out malformed);
        }

        malformed = false;
        return null;
    }

    /// <summary>A non-empty string, else null (an absent property is <see cref="JsonValueKind.Undefined"/>).</summary>
    private static string? StringValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>A track event's name: the spec's own string for an e-commerce name, else a new one (null when absent or empty).</summary>
    private static string? EventName(JsonElement value)
    {
        // The raw token between its quotes; an escaped one never equals a spec name (none has a backslash) and is read
        // the general way.
        if (value.ValueKind == JsonValueKind.String && EcommerceEvents.Find(JsonMarshal.GetRawUtf8Value(value)[1..^1]) is { } known)
        {
            return known;
        }

        return StringValue(value);
    }

    /// <summary>Ids may be sent as strings or numbers; both become strings.</summary>
    private static string? IdValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>Null when absent or JSON null; <paramref name="malformed"/> when present but not a date-time.</summary>
    private static DateTimeOffset? TimestampValue(JsonElement value, out bool malformed)
    {
        malformed = false;
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            // The raw token of a string includes its quotes; an escaped one is left to the general parser.
            var token = JsonMarshal.GetRawUtf8Value(value);
            if (IsoTimestamp.TryParseUtc(token[1..^1], out var fast))
            {
                return fast;
            }

            if (DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return parsed;
            }
        }

        malformed = true;
        return null;
    }
}
