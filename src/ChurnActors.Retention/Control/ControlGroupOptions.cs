using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Retention.Control;

/// <summary>The global control group and the default per-playbook holdout. Bound from <c>ChurnActors:Retention:Control</c>.</summary>
public sealed class ControlGroupOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Retention:Control";

    /// <summary>The salt when none is configured.</summary>
    public const string DefaultSalt = "churnactors-control-v1";

    private const string Key = SectionName + ":";

    /// <summary>
    /// Mixed into every hash, so that an installation's groups are its own. Changing it reshuffles every customer into
    /// new groups and breaks the comparison with results measured before: change it only deliberately.
    /// </summary>
    public string Salt { get; set; } = DefaultSalt;

    /// <summary>The share of all customers in the global control group, never contacted by any playbook or campaign.</summary>
    [Range(0.0, 0.5, ErrorMessage = Key + "{0} must be between 0 and 0.5 (e.g. 0.05 for 5% of customers).")]
    public double GlobalShare { get; set; } = 0.05;

    /// <summary>The holdout share of a playbook or campaign that does not set its own.</summary>
    [Range(0.0, 0.5, ErrorMessage = Key + "{0} must be between 0 and 0.5 (e.g. 0.1 for 10% of the playbook's customers).")]
    public double DefaultHoldoutShare { get; set; } = 0.10;

    /// <summary>A salt is required: an empty one would still work but is almost certainly a configuration mistake.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Salt))
        {
            yield return new ValidationResult(
                $"{Key}{nameof(Salt)} must not be empty: set it to any fixed text (the default is \"{DefaultSalt}\"); changing it reshuffles the control groups.",
                [nameof(Salt)]);
        }
    }
}
