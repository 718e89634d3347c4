using ChurnActors.Domain.Scoring;

namespace ChurnActors.Training.Export;

/// <summary>What to call an exported snapshot and how to describe its features.</summary>
public sealed record SnapshotExportOptions
{
    /// <summary>The model's name, e.g. "churn-30d".</summary>
    public required string Name { get; init; }

    /// <summary>The model's version.</summary>
    public required string Version { get; init; }

    /// <summary>
    /// The feature names in vector order. When null, the slot names of the feature column are used (ML.NET's
    /// Concatenate and annotated data views carry them); export fails when neither is available.
    /// </summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>The churn horizon in days of the training labels, recorded in the snapshot.</summary>
    public double? HorizonDays { get; init; }

    /// <summary>How many evenly spaced score quantiles of the training population to keep (at least 2).</summary>
    public int QuantileCount { get; init; } = ScoreQuantiles.DefaultCount;
}
