namespace ChurnActors.Storage.Tests.TestGrains;

/// <summary>What a probe grain activation currently holds, as seen by the caller.</summary>
[GenerateSerializer]
[Alias("ChurnActors.Storage.Tests.TestGrains.ProbeSnapshot")]
public sealed record ProbeSnapshot(
    [property: Id(0)] ProbeState State,
    [property: Id(1)] string? ETag,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] Guid ActivationId);
