using System.ComponentModel.DataAnnotations;
using ChurnActors.Grains;

namespace ChurnActors.Silo.Models;

/// <summary>How the model coordinator's retraining builds and evaluates a model. Bound from <c>ChurnActors:Models:Training</c>.</summary>
public sealed class ModelTrainingOptions
{
    public const string SectionName = "ChurnActors:Models:Training";

    private const string Key = SectionName + ":";

    /// <summary>Churned = no completed order within this long after a cut-off (the evaluation and training horizon).</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 90.00:00:00).")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Training cut-offs before the evaluation cut-off.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int Cutoffs { get; set; } = 4;

    /// <summary>Spacing of the training cut-offs.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 30.00:00:00).")]
    public TimeSpan Step { get; set; } = TimeSpan.FromDays(30);

    /// <summary>LightGBM boosting rounds.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int Trees { get; set; } = 200;
}
