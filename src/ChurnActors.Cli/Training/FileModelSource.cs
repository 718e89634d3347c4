using System.Text.Json;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Pipeline;

namespace ChurnActors.Cli.Training;

/// <summary>A model snapshot file (train --out) or a training result file (train --result), which holds one.</summary>
internal sealed class FileModelSource(string path) : IModelSource
{
    public string Description => path;

    public async Task<ModelSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        using (var document = ParseOrNull(json))
        {
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("snapshot", out _))
            {
                try
                {
                    var snapshot = TrainingResultJson.Deserialize(json).Snapshot;
                    ModelSnapshotValidator.Validate(snapshot);
                    return snapshot;
                }
                catch (JsonException ex)
                {
                    throw new InvalidModelSnapshotException($"{path} looks like a training result but cannot be read: {ex.Message}", ex);
                }
            }
        }

        return ModelSnapshotJson.Deserialize(json);
    }

    private static JsonDocument? ParseOrNull(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
