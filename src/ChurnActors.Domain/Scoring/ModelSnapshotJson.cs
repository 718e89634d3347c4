using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChurnActors.Domain.Scoring;

/// <summary>
/// Reads and writes model snapshots as JSON (camelCase, enums as names, NaN written as "NaN" where a tree node has no
/// value for missing features). Reading validates the snapshot, so a snapshot read here can be scored.
/// </summary>
public static class ModelSnapshotJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>The snapshot as UTF-8 JSON.</summary>
    public static byte[] SerializeToUtf8Bytes(ModelSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.SerializeToUtf8Bytes(snapshot, Options);
    }

    /// <summary>The snapshot as a JSON string.</summary>
    public static string Serialize(ModelSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return JsonSerializer.Serialize(snapshot, Options);
    }

    /// <summary>Reads and validates a snapshot; throws <see cref="InvalidModelSnapshotException"/> when it is unusable.</summary>
    public static ModelSnapshot Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        ModelSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<ModelSnapshot>(utf8Json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidModelSnapshotException($"The model snapshot is not valid JSON for a snapshot: {exception.Message}", exception);
        }

        return Checked(snapshot);
    }

    /// <summary>Reads and validates a snapshot; throws <see cref="InvalidModelSnapshotException"/> when it is unusable.</summary>
    public static ModelSnapshot Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ModelSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<ModelSnapshot>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidModelSnapshotException($"The model snapshot is not valid JSON for a snapshot: {exception.Message}", exception);
        }

        return Checked(snapshot);
    }

    private static ModelSnapshot Checked(ModelSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            throw new InvalidModelSnapshotException("The model snapshot JSON is null.");
        }

        ModelSnapshotValidator.Validate(snapshot);
        return snapshot;
    }
}
