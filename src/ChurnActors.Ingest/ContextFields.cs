using System.Text.Json;

namespace ChurnActors.Ingest;

/// <summary>
/// The properties of a message's <c>context</c> the parser reads for contact signals, found in one pass over the
/// object (an absent one, or a <c>context</c> that is not an object, leaves them <see cref="JsonValueKind.Undefined"/>).
/// </summary>
internal readonly record struct ContextFields(JsonElement Timezone, JsonElement Traits, JsonElement Location)
{
    public static ContextFields Read(JsonElement context)
    {
        if (context.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        JsonElement timezone = default, traits = default, location = default;
        foreach (var property in context.EnumerateObject())
        {
            if (property.NameEquals("timezone"u8))
            {
                timezone = property.Value;
            }
            else if (property.NameEquals("traits"u8))
            {
                traits = property.Value;
            }
            else if (property.NameEquals("location"u8))
            {
                location = property.Value;
            }
        }

        return new ContextFields(timezone, traits, location);
    }
}
