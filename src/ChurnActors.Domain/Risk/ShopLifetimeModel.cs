using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// The shop's lifetime models fitted on its own order history: BG/NBD for when customers buy and whether they are
/// still active, Gamma-Gamma for how much they spend. Time is measured in days. Serves two purposes: the CLV figures of
/// every customer, and, until a churn classifier is promoted, the churn score P(churn) = 1 - P(alive).
/// </summary>
public sealed class ShopLifetimeModel : IChurnModel
{
    /// <summary>The model name scores carry.</summary>
    public const string ModelName = "bgnbd";

    /// <summary>The time unit of the fits: one day.</summary>
    public static readonly TimeSpan Unit = TimeSpan.FromDays(1);

    private readonly double[] _riskQuantiles;

    /// <param name="version">Names this fit (scores carry it).</param>
    /// <param name="transactions">The BG/NBD fit.</param>
    /// <param name="spend">The Gamma-Gamma fit, or null when too few customers repeat-purchased to fit it.</param>
    /// <param name="riskQuantiles">Ascending quantiles of 1 - P(alive) over the fitted customers, for percentiles.</param>
    /// <param name="customers">How many customers with orders the fit saw.</param>
    /// <param name="fittedAt">The as-of time of the fit.</param>
    public ShopLifetimeModel(string version, BgNbdParameters transactions, GammaGammaParameters? spend, double[] riskQuantiles, int customers, DateTimeOffset fittedAt)
    {
        ArgumentNullException.ThrowIfNull(riskQuantiles);
        Version = version;
        Transactions = transactions;
        Spend = spend;
        _riskQuantiles = riskQuantiles;
        Customers = customers;
        FittedAt = fittedAt;
    }

    public string Name => ModelName;

    public string Version { get; }

    public BgNbdParameters Transactions { get; }

    public GammaGammaParameters? Spend { get; }

    public int Customers { get; }

    public DateTimeOffset FittedAt { get; }

    /// <summary>The horizon of <see cref="Value"/> and of the expected purchases the API shows.</summary>
    public static ClvOptions ValueOptions { get; } = new(Horizon: 365);

    public ScoreOutcome Score(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Purchases.PurchaseDays == 0)
        {
            return ScoreOutcome.Insufficient("No order yet: the lifetime model scores customers from their first order on.", Name, Version);
        }

        var risk = 1 - Transactions.ProbabilityAlive(customer.Purchases.SummaryAsOf(asOf, Unit));
        if (!double.IsFinite(risk))
        {
            // A fit on too short a span of orders can put its parameters where the closed forms overflow.
            return ScoreOutcome.Insufficient(NoFiniteFigures, Name, Version);
        }

        return new ScoreOutcome(ScoreStatus.Scored, risk, ScoreQuantiles.Percentile(_riskQuantiles, risk), Name, Version, null);
    }

    public IReadOnlyList<string> Explain(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var purchases = customer.Purchases;
        if (purchases.LastPurchaseDay is not { } last)
        {
            return [];
        }

        var summary = purchases.SummaryAsOf(asOf, Unit);
        var daysSince = (int)Math.Round(summary.Age - summary.Recency);
        var drivers = new List<string>(2);
        drivers.Add(summary.Frequency > 0
            ? $"no order for {Days(daysSince)} (usually every {Math.Round(summary.Recency / summary.Frequency):0})"
            : $"only one order day so far, {Days(daysSince)} ago");
        var expected = Transactions.ExpectedPurchases(summary, 90);
        if (double.IsFinite(expected))
        {
            drivers.Add($"expected to order {expected:0.0} times in the next 90 days");
        }

        return drivers;
    }

    /// <summary>The customer's lifetime figures as of <paramref name="asOf"/>; null without an order.</summary>
    public LifetimeFigures? Figures(CustomerActivity customer, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.Purchases.PurchaseDays == 0)
        {
            return null;
        }

        var summary = customer.Purchases.SummaryAsOf(asOf, Unit);
        var alive = Transactions.ProbabilityAlive(summary);
        var median = Transactions.MedianTimeToNextPurchase(summary);
        double? value = Spend is { } spend ? CustomerValue.Clv(Transactions, spend, summary, ValueOptions) : null;
        return new LifetimeFigures(
            FiniteOrNull(alive),
            FiniteOrNull(Transactions.ExpectedPurchases(summary, 90)),
            double.IsFinite(median) && median >= 0 && median < 36_500 ? asOf + TimeSpan.FromDays(median) : null,
            value is { } v ? FiniteOrNull(v) : null);
    }

    /// <summary>Why a customer has no lifetime score or figures although the model is fitted.</summary>
    public const string NoFiniteFigures =
        "The shop's lifetime model gives no finite figures for this customer's history (a fit on too short a span of orders); it is refitted as orders arrive.";

    private static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
