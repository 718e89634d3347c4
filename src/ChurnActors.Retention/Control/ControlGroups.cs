using System.Globalization;

namespace ChurnActors.Retention.Control;

/// <summary>
/// Assigns customers to the global control group and to per-playbook (or per-campaign) holdouts. Pure and
/// deterministic: the same salt, source id and customer key give the same arm on every machine and at every time.
/// </summary>
/// <remarks>
/// The global group takes the customers whose bucket <c>StableBucket.Of(salt, customerKey)</c> is below the global
/// share. A holdout takes the customers whose bucket <c>StableBucket.Of(salt, sourceId, customerKey)</c> is below the
/// holdout share; the different hash input makes the holdout independent of the global group, so every holdout holds
/// its share of the customers outside the global group. The global group is checked first and wins.
/// </remarks>
public sealed class ControlGroups
{
    private readonly string _salt;
    private readonly double _globalShare;
    private readonly double _defaultHoldoutShare;

    public ControlGroups(ControlGroupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Salt))
        {
            throw new ArgumentException($"{ControlGroupOptions.SectionName}:{nameof(options.Salt)} must not be empty.", nameof(options));
        }

        CheckShare(options.GlobalShare, nameof(options.GlobalShare));
        CheckShare(options.DefaultHoldoutShare, nameof(options.DefaultHoldoutShare));
        _salt = options.Salt;
        _globalShare = options.GlobalShare;
        _defaultHoldoutShare = options.DefaultHoldoutShare;
    }

    /// <summary>The share of customers in the global control group.</summary>
    public double GlobalShare => _globalShare;

    /// <summary>The holdout share used when a source does not set one.</summary>
    public double DefaultHoldoutShare => _defaultHoldoutShare;

    /// <summary>Whether the customer is in the global control group (never contacted by any playbook or campaign).</summary>
    public bool IsInGlobalControl(string customerKey) => StableBucket.Of(_salt, customerKey) < _globalShare;

    /// <summary>Whether the customer falls in the holdout of <paramref name="sourceId"/>, regardless of the global group.</summary>
    public bool IsInHoldout(string sourceId, string customerKey, double holdoutShare)
    {
        CheckShare(holdoutShare, nameof(holdoutShare));
        return StableBucket.Of(_salt, sourceId, customerKey) < holdoutShare;
    }

    /// <summary>
    /// The arm of a customer for a playbook or campaign. <paramref name="sourceId"/> is the playbook id (not its
    /// version, so that a customer stays in the same arm across edits) or the campaign id;
    /// <paramref name="holdoutShare"/> is the source's own share, or null for <see cref="DefaultHoldoutShare"/>.
    /// </summary>
    public ControlAssignment Assign(string customerKey, string sourceId, double? holdoutShare = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerKey);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        var share = holdoutShare ?? _defaultHoldoutShare;
        if (IsInGlobalControl(customerKey))
        {
            return new ControlAssignment(
                ControlArm.Control,
                ControlReason.Global,
                $"control: customer is in the global control group ({Percent(_globalShare)} of all customers), never contacted");
        }

        if (IsInHoldout(sourceId, customerKey, share))
        {
            return new ControlAssignment(
                ControlArm.Control,
                ControlReason.Holdout,
                $"control: customer is in the holdout of '{sourceId}' ({Percent(share)} of its customers)");
        }

        return new ControlAssignment(ControlArm.Treated, ControlReason.None, $"treated: customer is outside the global control group and the holdout of '{sourceId}'");
    }

    private static string Percent(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);

    private static void CheckShare(double share, string name)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(name, share, "A share must be between 0 and 1.");
        }
    }
}
