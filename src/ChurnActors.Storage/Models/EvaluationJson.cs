using System.Text.Json;

namespace ChurnActors.Storage.Models;

/// <summary>Evaluations as the registry stores them: JSON, camelCase.</summary>
public static class EvaluationJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ModelEvaluation evaluation) => JsonSerializer.Serialize(evaluation, Options);

    public static ModelEvaluation Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelEvaluation>(json, Options)
        ?? throw new ModelRegistryException(ModelRegistryError.Invalid, "A stored evaluation is empty.");
}
