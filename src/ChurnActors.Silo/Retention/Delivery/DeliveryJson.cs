using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>The JSON of webhook bodies: camelCase names, nulls left out.</summary>
public static class DeliveryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
