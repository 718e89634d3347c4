namespace ChurnActors.Abstractions;

/// <summary>What one retraining round of the coordinator did.</summary>
[GenerateSerializer, Immutable, Alias("ChurnActors.RetrainOutcome")]
public sealed record RetrainOutcome
{
    /// <summary>"not-due", "no-model", "refused" (registered, but the gate kept the champion) or "promoted".</summary>
    [Id(0)] public required string Status { get; init; }

    /// <summary>Events logged since the newest registered model was trained.</summary>
    [Id(1)] public required long NewEvents { get; init; }

    /// <summary>The registered candidate's version, when one was trained.</summary>
    [Id(2)] public long? Version { get; init; }

    /// <summary>In words: why not, or what the gate found.</summary>
    [Id(3)] public required string Reason { get; init; }

    /// <summary>The push that followed a promotion.</summary>
    [Id(4)] public ModelPushReport? Push { get; init; }
}
