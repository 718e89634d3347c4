namespace ChurnActors.Storage.Tests.TestGrains;

/// <summary>The persisted state of <see cref="PersistenceProbeGrain"/>.</summary>
[GenerateSerializer]
[Alias("ChurnActors.Storage.Tests.TestGrains.ProbeState")]
public sealed record ProbeState
{
    [Id(0)]
    public string Label { get; init; } = string.Empty;

    [Id(1)]
    public int Count { get; init; }
}
