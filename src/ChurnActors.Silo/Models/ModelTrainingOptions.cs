using System.ComponentModel.DataAnnotations;
using ChurnActors.Grains;
using ChurnActors.Grains.Scoring;

namespace ChurnActors.Silo.Models;

/// <summary>
/// How the model coordinator's retraining builds and evaluates a model. Bound from <c>ChurnActors:Models:Training</c>.
/// The churn horizon its labels use is <c>ChurnActors:Scoring:Horizon</c> (<see cref="ScoringOptions.Horizon"/>), the
/// one the live scores refer to.
/// </summary>
public sealed class ModelTrainingOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Models:Training";

    private const string Key = SectionName + ":";

    /// <summary>
    /// Not a setting: bound only so that a configuration which sets it is refused with the key to use instead,
    /// <c>ChurnActors:Scoring:Horizon</c>, rather than silently ignored.
    /// </summary>
    public string? Horizon { get; set; }

    /// <summary>Training cut-offs before the evaluation cut-off.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int Cutoffs { get; set; } = 4;

    /// <summary>Spacing of the training cut-offs.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 30.00:00:00).")]
    public TimeSpan Step { get; set; } = TimeSpan.FromDays(30);

    /// <summary>LightGBM boosting rounds.</summary>
    [Range(1, int.MaxValue, ErrorMessage = Key + "{0} must be at least {1}.")]
    public int Trees { get; set; } = 200;

    /// <summary>Refuses <see cref="Horizon"/>, naming the setting that holds the churn horizon.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Horizon is not null)
        {
            yield return new ValidationResult(
                $"{Key}{nameof(Horizon)} is not a setting: the churn horizon of both the retraining and the live scores is " +
                $"{ScoringOptions.SectionName}:{nameof(ScoringOptions.Horizon)} (default 90 days). Set it there (e.g. 90.00:00:00) and remove {Key}{nameof(Horizon)}.",
                [nameof(Horizon)]);
        }
    }
}
