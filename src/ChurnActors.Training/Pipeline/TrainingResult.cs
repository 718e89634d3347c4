using System.Text.Json.Serialization;
using ChurnActors.Domain.Scoring;
using ChurnActors.Training.Evaluation;

namespace ChurnActors.Training.Pipeline;

/// <summary>
/// Everything a training run produced, as one record a model registry can store: the exported snapshot, the window
/// and cut-offs it learnt from, the row counts, the features, the candidates and the evaluation against the baselines.
/// Serialised by <see cref="TrainingResultJson"/>.
/// </summary>
public sealed record TrainingResult
{
    /// <summary>The exported model, ready for the engine.</summary>
    public required ModelSnapshot Snapshot { get; init; }

    /// <summary>The learner that won on the validation rows.</summary>
    public required string Learner { get; init; }

    public required ChurnDefinitionReport Definition { get; init; }

    public required TrainingWindow Window { get; init; }

    public required RowCounts Rows { get; init; }

    /// <summary>The feature schema version of the rows.</summary>
    public required int FeatureSchemaVersion { get; init; }

    /// <summary>The features, in vector order.</summary>
    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyList<CandidateReport> Candidates { get; init; }

    /// <summary>The exported model and the baselines on the evaluation rows.</summary>
    public required EvaluationReport Evaluation { get; init; }

    /// <summary>The model in service when this one was trained, scored on the same evaluation rows (null when none was given or its features differ).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MetricSet? Champion { get; init; }

    public required PhaseTimings Timings { get; init; }

    /// <summary>When the run finished.</summary>
    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>Where the events came from.</summary>
    public required string Source { get; init; }
}
