using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.Storage.Models;

/// <summary>
/// The registry's records as JSON (camelCase, enums as camelCase names, nulls left out): how evaluations are stored,
/// and how the admin API and the CLI show versions and promotions.
/// </summary>
public static class ModelRegistryJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new ModelRegistryException(ModelRegistryError.Invalid, $"Expected a {typeof(T).Name} but the JSON was empty.");
}
