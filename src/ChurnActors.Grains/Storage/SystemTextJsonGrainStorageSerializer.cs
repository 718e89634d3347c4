using System.Text.Json;
using Orleans.Storage;

namespace ChurnActors.Grains.Storage;

/// <summary>
/// Grain state as System.Text.Json: the domain's plain types need no Orleans attributes, and the stored
/// payload stays readable for operators.
/// </summary>
public sealed class SystemTextJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)
            ?? throw new JsonException($"Stored grain state deserialised to null as {typeof(T).Name}.");
    }
}
