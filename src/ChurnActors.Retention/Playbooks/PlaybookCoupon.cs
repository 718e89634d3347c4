namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// An offer's coupon: a fixed <see cref="Amount"/>, or a <see cref="ShareOfClv"/> of the customer's lifetime value
/// capped at <see cref="Cap"/> (exactly one of the two is set).
/// </summary>
public sealed record PlaybookCoupon
{
    public decimal? Amount { get; init; }

    /// <summary>A fraction in (0, 1]: 0.1 gives a tenth of the customer's CLV.</summary>
    public double? ShareOfClv { get; init; }

    /// <summary>The largest value a CLV share may reach; required with <see cref="ShareOfClv"/>.</summary>
    public decimal? Cap { get; init; }

    /// <summary>ISO 4217 code, e.g. <c>EUR</c>.</summary>
    public required string Currency { get; init; }

    /// <summary>
    /// The coupon's value for a customer with lifetime value <paramref name="clv"/> (null when not known: a share of
    /// an unknown CLV is zero), rounded to cents.
    /// </summary>
    public decimal ValueFor(decimal? clv)
    {
        if (Amount is { } amount)
        {
            return amount;
        }

        var share = (decimal)(ShareOfClv ?? 0) * Math.Max(clv ?? 0, 0);
        return Math.Round(Math.Min(share, Cap ?? share), 2, MidpointRounding.AwayFromZero);
    }
}
