namespace ChurnActors.Abstractions;

/// <summary>A champion model snapshot on its way to a silo.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.ModelPush")]
public sealed record ModelPush
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>The registry version.</summary>
    [Id(1)] public required string Version { get; init; }

    /// <summary>The snapshot as UTF-8 JSON (ModelSnapshotJson).</summary>
    [Id(2)] public required byte[] Snapshot { get; init; }
}
