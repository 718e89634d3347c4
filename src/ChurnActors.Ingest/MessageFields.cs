using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ChurnActors.Ingest;

/// <summary>
/// The properties of one Segment message the parser reads, found in a single pass over the object (an absent one
/// stays <see cref="JsonValueKind.Undefined"/>). Like <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>,
/// a property named twice yields its last occurrence.
/// </summary>
internal struct MessageFields
{
    public JsonElement Type;
    public JsonElement Action;
    public JsonElement UserId;
    public JsonElement AnonymousId;
    public JsonElement PreviousId;
    public JsonElement Event;
    public JsonElement Name;
    public JsonElement Timestamp;
    public JsonElement OriginalTimestamp;
    public JsonElement SentAt;
    public JsonElement Properties;
    public JsonElement Traits;
    public JsonElement MessageId;
    public JsonElement Context;

    public static MessageFields Read(JsonElement message)
    {
        var fields = default(MessageFields);
        foreach (var property in message.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (name.Contains((byte)'\\'))
            {
                // An escaped name: compare its unescaped form (rare, so the allocation does not matter).
                fields.Set(Encoding.UTF8.GetBytes(property.Name), property.Value);
            }
            else
            {
                fields.Set(name, property.Value);
            }
        }

        return fields;
    }

    private void Set(ReadOnlySpan<byte> name, JsonElement value)
    {
        switch (name.Length)
        {
            case 4:
                if (name.SequenceEqual("type"u8))
                {
                    Type = value;
                }
                else if (name.SequenceEqual("name"u8))
                {
                    Name = value;
                }

                break;
            case 5:
                if (name.SequenceEqual("event"u8))
                {
                    Event = value;
                }

                break;
            case 6:
                if (name.SequenceEqual("userId"u8))
                {
                    UserId = value;
                }
                else if (name.SequenceEqual("sentAt"u8))
                {
                    SentAt = value;
                }
                else if (name.SequenceEqual("action"u8))
                {
                    Action = value;
                }
                else if (name.SequenceEqual("traits"u8))
                {
                    Traits = value;
                }

                break;
            case 7:
                if (name.SequenceEqual("context"u8))
                {
                    Context = value;
                }

                break;
            case 9:
                if (name.SequenceEqual("messageId"u8))
                {
                    MessageId = value;
                }
                else if (name.SequenceEqual("timestamp"u8))
                {
                    Timestamp = value;
                }

                break;
            case 10:
                if (name.SequenceEqual("properties"u8))
                {
                    Properties = value;
                }
                else if (name.SequenceEqual("previousId"u8))
                {
                    PreviousId = value;
                }

                break;
            case 11:
                if (name.SequenceEqual("anonymousId"u8))
                {
                    AnonymousId = value;
                }

                break;
            case 17:
                if (name.SequenceEqual("originalTimestamp"u8))
                {
                    OriginalTimestamp = value;
                }

                break;
        }
    }
}
