namespace ChurnActors.Silo.Models;

/// <summary>How the model coordinator's retraining builds and evaluates a model. Bound from <c>ChurnActors:Models:Training</c>.</summary>
public sealed class ModelTrainingOptions
{
    public const string SectionName = "ChurnActors:Models:Training";

    /// <summary>Churned = no completed order within this long after a cut-off (the evaluation and training horizon).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Training cut-offs before the evaluation cut-off.</summary>
    public int Cutoffs { get; set; } = 4;

    /// <summary>Spacing of the training cut-offs.</summary>
    public TimeSpan Step { get; set; } = TimeSpan.FromDays(30);

    /// <summary>LightGBM boosting rounds.</summary>
    public int Trees { get; set; } = 200;

    public bool IsValid() => Horizon > TimeSpan.Zero && Cutoffs >= 1 && Step > TimeSpan.Zero && Trees >= 1;
}
