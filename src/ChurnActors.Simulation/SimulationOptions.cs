namespace ChurnActors.Simulation;

/// <summary>
/// What to simulate and the shop model's parameters. The defaults describe a plausible online shop: the median
/// customer orders about every 40 days while active, about a third of customers stop after any given order, and
/// browsing sessions outnumber orders about three to one. See docs/simulator.md.
/// </summary>
public sealed record SimulationOptions
{
    public static DateTimeOffset DefaultStart { get; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public required int Customers { get; init; }

    public required int Days { get; init; }

    public required long Seed { get; init; }

    /// <summary>Midnight UTC of the first simulated day (default 2025-01-01: fixed, and far enough back that a year is history).</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    /// <summary>Share of customers whose browsing fades over <see cref="DecayDays"/> before they drop out.</summary>
    public double DecayShare { get; init; } = 0.3;

    /// <summary>Days over which a decaying customer's session rate falls to <see cref="DecayFloor"/> of normal.</summary>
    public double DecayDays { get; init; } = 90;

    /// <summary>Session rate multiplier a decaying customer reaches at its dropout.</summary>
    public double DecayFloor { get; init; } = 0.1;

    /// <summary>Shape r of the Gamma(r, alpha) distribution of purchase rates (orders per day).</summary>
    public double PurchaseShape { get; init; } = 1.2;

    /// <summary>Rate alpha (in days) of the Gamma(r, alpha) distribution of purchase rates: mean r/alpha per day.</summary>
    public double PurchaseRateScale { get; init; } = 35;

    /// <summary>Parameter a of the Beta(a, b) distribution of the dropout probability after each order.</summary>
    public double DropoutA { get; init; } = 1.3;

    /// <summary>Parameter b of the Beta(a, b) distribution of the dropout probability after each order.</summary>
    public double DropoutB { get; init; } = 3.0;

    /// <summary>Share of the horizon (from its start) over which customers make their first order.</summary>
    public double AcquisitionWindow { get; init; } = 0.5;

    /// <summary>Mean browsing sessions (without an order) per expected order.</summary>
    public double BrowseSessionsPerOrder { get; init; } = 3.0;

    /// <summary>Share of customers who first browse anonymously and identify at their first order.</summary>
    public double AnonymousShare { get; init; } = 0.3;

    /// <summary>Share of orders that carry a coupon outside the campaign season.</summary>
    public double CouponShare { get; init; } = 0.15;

    /// <summary>Share of orders that carry a coupon during the campaign season.</summary>
    public double CampaignCouponShare { get; init; } = 0.5;

    /// <summary>Share of orders refunded 2 to 20 days later.</summary>
    public double RefundShare { get; init; } = 0.06;
}
