using ChurnActors.Domain.Scoring;

namespace ChurnActors.Storage.Models;

/// <summary>One version in the model registry.</summary>
public sealed record RegisteredModel
{
    /// <summary>The registry's monotonic version number; also the snapshot's Version.</summary>
    public required long Version { get; init; }

    public required string Name { get; init; }

    public required ModelKind Kind { get; init; }

    public required ModelStatus Status { get; init; }

    /// <summary>The feature schema version the model was trained on.</summary>
    public required int FeatureSchemaVersion { get; init; }

    public required IReadOnlyList<string> FeatureNames { get; init; }

    public required TrainingWindow Training { get; init; }

    public required ModelEvaluation Evaluation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last became champion (null if never).</summary>
    public DateTimeOffset? PromotedAt { get; init; }

    /// <summary>
    /// The snapshot, with <see cref="ModelSnapshot.Version"/> equal to <see cref="Version"/>; null in listings, which
    /// leave snapshots out.
    /// </summary>
    public ModelSnapshot? Snapshot { get; init; }
}
