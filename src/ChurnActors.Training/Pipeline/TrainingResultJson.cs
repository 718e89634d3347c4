using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.Training.Pipeline;

/// <summary>Reads and writes <see cref="TrainingResult"/> and the evaluation records as JSON (camelCase, NaN as "NaN").</summary>
public static class TrainingResultJson
{
    /// <summary>The serializer options of training records.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Serialize(TrainingResult result) => JsonSerializer.Serialize(result, Options);

    /// <exception cref="JsonException">Not a training result.</exception>
    public static TrainingResult Deserialize(string json) =>
        JsonSerializer.Deserialize<TrainingResult>(json, Options) ?? throw new JsonException("The JSON is null, not a training result.");
}
