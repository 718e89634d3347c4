using System.ComponentModel.DataAnnotations;

namespace ChurnActors.Retention.Policy;

/// <summary>The one contact policy every playbook and campaign goes through. Bound from <c>ChurnActors:Retention:Policy</c>.</summary>
public sealed class ContactPolicyOptions : IValidatableObject
{
    public const string SectionName = "ChurnActors:Retention:Policy";

    /// <summary>Any channel: a cap on it counts contacts through every channel together.</summary>
    public const string AnyChannel = "*";

    /// <summary>The longest cap window allowed, which bounds the contacts kept per customer.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    private const string Key = SectionName + ":";

    /// <summary>
    /// Frequency caps by name. Every enabled cap whose channel matches a contact applies; all must have room. Defaults:
    /// <c>email-week</c> (email, 2 in 7 days) and <c>email-day</c> (email, 1 in 1 day).
    /// </summary>
    public Dictionary<string, FrequencyCapOptions> Caps { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email-week"] = new() { Channel = "email", Limit = 2, Window = TimeSpan.FromDays(7) },
        ["email-day"] = new() { Channel = "email", Limit = 1, Window = TimeSpan.FromDays(1) },
    };

    /// <summary>Local time (in the customer's time zone) from which no contact is sent.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 0);

    /// <summary>Local time from which contacts are sent again; equal to the start turns quiet hours off.</summary>
    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>Channels quiet hours do not apply to (e.g. a webhook into the shop's own CRM); none by default.</summary>
    public List<string> QuietHoursExemptChannels { get; set; } = [];

    /// <summary>
    /// The shop's IANA time zone: quiet hours for customers without a (valid) zone of their own, and the day boundary
    /// of the offer budget.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>The most offer value per shop-local day, in the shop's currency; null for no limit.</summary>
    [Range(typeof(decimal), "0", "79228162514264337593543950335", ErrorMessage = Key + "{0} must not be negative (leave it unset for no limit).")]
    public decimal? DailyOfferBudget { get; set; }

    /// <summary>The shop's currency code, only for the reasons' text (e.g. <c>EUR</c>).</summary>
    public string? Currency { get; set; }

    /// <summary>Each cap has a channel, a limit of at least 1 and a window up to 366 days; the default zone is known.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cap) in Caps)
        {
            var path = $"{Key}{nameof(Caps)}:{name}:";
            if (cap is null)
            {
                yield return new ValidationResult($"{path} is empty: set Channel, Limit and Window, or Enabled=false.", [nameof(Caps)]);
                continue;
            }

            if (!cap.Enabled)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(cap.Channel))
            {
                yield return new ValidationResult($"{path}{nameof(cap.Channel)} must name a channel (e.g. email) or be * for all channels.", [nameof(Caps)]);
            }

            if (cap.Limit < 1)
            {
                yield return new ValidationResult(
                    $"{path}{nameof(cap.Limit)} must be at least 1 (it is {cap.Limit}); to send nothing, suppress the customers, to drop the cap set {path}Enabled=false.",
                    [nameof(Caps)]);
            }

            if (cap.Window < TimeSpan.FromMinutes(1) || cap.Window > MaxWindow)
            {
                yield return new ValidationResult(
                    $"{path}{nameof(cap.Window)} must be between 1 minute and 366 days (it is {cap.Window}; e.g. 7.00:00:00 for a week).",
                    [nameof(Caps)]);
            }
        }

        if (QuietHoursExemptChannels.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{Key}{nameof(QuietHoursExemptChannels)} must not contain empty channel names.", [nameof(QuietHoursExemptChannels)]);
        }

        if (!TimeZoneResolver.TryFind(DefaultTimeZone, out _))
        {
            yield return new ValidationResult(
                $"{Key}{nameof(DefaultTimeZone)} '{DefaultTimeZone}' is not a time zone known to this machine: use an IANA id such as Europe/Berlin or UTC.",
                [nameof(DefaultTimeZone)]);
        }
    }
}
