using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// Playbook definitions as JSON: camelCase names, enums as camelCase strings (<c>high</c>, <c>afterExit</c>), nulls
/// left out and every default written out, so a stored version says all it does. Files are read with
/// <see cref="PlaybookReader"/>, which checks them; <see cref="Deserialize"/> is for definitions already checked.
/// </summary>
public static class PlaybookJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Serialize(PlaybookDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static JsonElement ToElement(PlaybookDefinition definition) => JsonSerializer.SerializeToElement(definition, Options);

    /// <summary>A definition stored by this code (a version in the database).</summary>
    /// <exception cref="JsonException">The JSON is not a playbook definition.</exception>
    public static PlaybookDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<PlaybookDefinition>(json, Options)
        ?? throw new JsonException("Expected a playbook definition but the JSON was null.");
}
