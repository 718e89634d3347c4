using ChurnActors.Domain.Replay;
using ChurnActors.Training.Learning;

namespace ChurnActors.Training.Pipeline;

/// <summary>What a training run does: the churn definition, the cut-offs, the learners and what to call the model.</summary>
public sealed record TrainingSettings
{
    /// <summary>The churn definition; its horizon is the evaluation horizon.</summary>
    public required ChurnDefinition Definition { get; init; }

    /// <summary>The evaluation cut-off E.</summary>
    public required DateTimeOffset EvaluationCutoff { get; init; }

    /// <summary>The horizon of the training labels; null: the evaluation horizon.</summary>
    public TimeSpan? TrainingHorizon { get; init; }

    /// <summary>How many training cut-offs.</summary>
    public int CutoffCount { get; init; } = 4;

    /// <summary>The spacing of the training cut-offs.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromDays(30);

    public LearnerSettings Learners { get; init; } = new();

    /// <summary>The model's name; null: "churn-&lt;horizon&gt;d".</summary>
    public string? ModelName { get; init; }

    /// <summary>The model's version; null: the evaluation cut-off and the training time.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The cut-offs these settings give.</summary>
    public CutoffPlan Plan() =>
        CutoffPlan.Build(EvaluationCutoff, Definition.Horizon, TrainingHorizon ?? Definition.Horizon, CutoffCount, Step);
}
