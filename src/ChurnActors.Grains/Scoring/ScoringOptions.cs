using System.ComponentModel.DataAnnotations;
using ChurnActors.Domain.Risk;

namespace ChurnActors.Grains.Scoring;

/// <summary>How customers are scored. Bound from <c>ChurnActors:Scoring</c>.</summary>
public sealed class ScoringOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Scoring";

    private const string Key = SectionName + ":";

    /// <summary>
    /// A model snapshot (JSON, see docs/scoring.md) to score with from the start; without one, customers are scored
    /// by the shop's BG/NBD fit once there is enough history.
    /// </summary>
    public string? ModelFile { get; set; }

    /// <summary>
    /// The churn horizon: a customer has churned when it places no completed order within this long. The shop's
    /// lifetime model scores P(no order within the horizon), and the model coordinator's retraining labels its training
    /// and evaluation rows with the same horizon, so both scores answer the same question.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 90.00:00:00).")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(90);

    /// <summary>P(churn) from which a customer is in the medium band.</summary>
    public double MediumAt { get; set; } = RiskBands.Default.MediumAt;

    /// <summary>P(churn) from which a customer is in the high band.</summary>
    public double HighAt { get; set; } = RiskBands.Default.HighAt;

    /// <summary>How far below a band's threshold P(churn) must fall to leave the band.</summary>
    public double Hysteresis { get; set; } = RiskBands.Default.Hysteresis;

    /// <summary>How long after start the shop's lifetime model is first fitted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must not be negative.")]
    public TimeSpan LifetimeFitDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the shop's lifetime model is refitted on the order history.</summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 01:00:00).")]
    public TimeSpan LifetimeFitInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// In a cluster, longest a silo's claim on the next fit holds: a silo that dies while fitting keeps the others from
    /// fitting until then. Longer than a fit takes (a whole read of the order history).
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:10:00).")]
    public TimeSpan LifetimeFitLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How soon the fit is tried again after it first found too little history; doubled after each further such try,
    /// up to <see cref="LifetimeFitInterval"/>.
    /// </summary>
    [Range(typeof(TimeSpan), OptionRanges.OneMillisecond, OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must be positive (e.g. 00:01:00).")]
    public TimeSpan LifetimeFitRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After a fit found too little history and enough orders have been committed since to make the minimum reachable,
    /// how long order commits must pause before the next fit runs, so that an import is fitted whole. The fit runs at
    /// the latest <see cref="LifetimeFitRetry"/> after those orders arrived, or at its retry time if that comes first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", OptionRanges.MaxTimeSpan, ErrorMessage = Key + "{0} must not be negative.")]
    public TimeSpan LifetimeFitSettle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Customers with at least one order needed before the lifetime model is fitted.</summary>
    public int LifetimeFitMinCustomers { get; set; } = 100;

    /// <summary>Customers with at least one repeat order (another day) needed before the lifetime model is fitted.</summary>
    public int LifetimeFitMinRepeatCustomers { get; set; } = 30;

    public RiskBands Bands => new() { MediumAt = MediumAt, HighAt = HighAt, Hysteresis = Hysteresis };

    /// <summary>The band thresholds together: 0 &lt; MediumAt &lt; HighAt &lt; 1, and a hysteresis narrower than each band.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(MediumAt > 0 && MediumAt < HighAt && HighAt < 1))
        {
            yield return new ValidationResult(
                $"{Key}{nameof(MediumAt)} and {Key}{nameof(HighAt)} must satisfy 0 < MediumAt < HighAt < 1 (they are {MediumAt} and {HighAt}).",
                [nameof(MediumAt), nameof(HighAt)]);
        }
        else if (!(Hysteresis >= 0 && Hysteresis < MediumAt && Hysteresis < HighAt - MediumAt))
        {
            yield return new ValidationResult(
                $"{Key}{nameof(Hysteresis)} must be at least 0 and smaller than MediumAt and than HighAt - MediumAt (it is {Hysteresis}).",
                [nameof(Hysteresis)]);
        }
    }
}
