using ChurnActors.Domain.Activity;
using ChurnActors.Domain.Lifetime;
using ChurnActors.Domain.Scoring;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// The shop's lifetime models fitted on its own order history: BG/NBD for when customers buy and whether they are
/// still active, Gamma-Gamma for how much they spend. Time is measured in days. Serves two purposes: the CLV figures of
/// every customer, and, until a churn classifier is promoted, the churn score: P(churn) = the probability that the
/// customer places no order within the churn horizon H from now, given its repeat orders x, the days t_x from its
/// first to its last order and the days T since its first order
/// (<see cref="ITransactionModel.ProbabilityNoPurchase"/>). The score is above 0 for every customer, one-time buyers
/// included, and rises with every day of silence: for a one-time buyer it is ((α + T)/(α + T + H))^r, so older
/// one-time buyers score higher.
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
    /// <param name="horizonDays">The churn horizon H in days: the score is P(no order within H days).</param>
    /// <param name="riskQuantiles">
    /// Ascending quantiles of P(no order within <paramref name="horizonDays"/>) over the fitted customers, for percentiles.
    /// </param>
    /// <param name="repeatIntervalDays">
    /// The median, over the fitted customers who ordered on more than one day, of their mean days between order days
    /// (t_x / x); null when unknown. The drivers of one-time buyers quote it.
    /// </param>
    /// <param name="customers">How many customers with orders the fit saw.</param>
    /// <param name="fittedAt">The as-of time of the fit.</param>
    public ShopLifetimeModel(
        string version,
        BgNbdParameters transactions,
        GammaGammaParameters? spend,
        double horizonDays,
        double[] riskQuantiles,
        double? repeatIntervalDays,
        int customers,
        DateTimeOffset fittedAt)
    {
        ArgumentNullException.ThrowIfNull(riskQuantiles);
        if (!(double.IsFinite(horizonDays) && horizonDays > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(horizonDays), horizonDays, "The churn horizon must be a positive number of days.");
        }

        Version = version;
        Transactions = transactions;
        Spend = spend;
        HorizonDays = horizonDays;
        _riskQuantiles = riskQuantiles;
        RepeatIntervalDays = repeatIntervalDays is { } interval && double.IsFinite(interval) && interval > 0 ? interval : null;
        Customers = customers;
        FittedAt = fittedAt;
    }

    public string Name => ModelName;

    public string Version { get; }

    public BgNbdParameters Transactions { get; }

    /// <summary>The churn horizon H in days: <see cref="Score"/> is P(no order within H days).</summary>
    public double HorizonDays { get; }

    double? IChurnModel.HorizonDays => HorizonDays;

    /// <summary>The median mean gap in days between order days of the shop's repeat customers; null when unknown.</summary>
    public double? RepeatIntervalDays { get; }

    public GammaGammaParameters? Spend { get; }

    public int Customers { get; }

    /// <summary>Ascending quantiles of P(no order within the horizon) over the fitted customers (for percentiles).</summary>
    public IReadOnlyList<double> RiskQuantiles => _riskQuantiles;

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

        var risk = Transactions.ProbabilityNoPurchase(customer.Purchases.SummaryAsOf(asOf, Unit), HorizonDays);
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

        // Whole days since the last order itself; the summary counts from the start of the order's day.
        var daysSince = customer.LastOrderAt is { } lastOrder && DateOnly.FromDateTime(lastOrder.UtcDateTime) == last
            ? (int)Math.Max(0, Math.Floor((asOf - lastOrder).TotalDays))
            : (int)Math.Round(summary.Age - summary.Recency);
        var drivers = new List<string>(2);
        drivers.Add(summary.Frequency > 0
            ? $"no order for {Days(daysSince)} (usually every {Math.Round(summary.Recency / summary.Frequency):0})"
            : RepeatIntervalDays is { } interval
                ? $"only one order day so far, {Days(daysSince)} ago (repeat customers order about every {Days((int)Math.Round(interval))})"
                : $"only one order day so far, {Days(daysSince)} ago");
        var expected = Transactions.ExpectedPurchases(summary, HorizonDays);
        if (double.IsFinite(expected))
        {
            drivers.Add($"expected to order {expected:0.0} times in the next {Days((int)Math.Round(HorizonDays))}");
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

    /// <summary>
    /// The median, over the customers who ordered on more than one day, of their mean time between order days
    /// (t_x / x, in the summaries' unit); null when none did.
    /// </summary>
    public static double? MedianRepeatInterval(IEnumerable<PurchaseSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var intervals = summaries.Where(s => s.Frequency > 0).Select(s => s.Recency / s.Frequency).Order().ToArray();
        if (intervals.Length == 0)
        {
            return null;
        }

        var middle = intervals.Length / 2;
        return intervals.Length % 2 == 1 ? intervals[middle] : (intervals[middle - 1] + intervals[middle]) / 2;
    }

    /// <summary>Why a customer has no lifetime score or figures although the model is fitted.</summary>
    public const string NoFiniteFigures =
        "The shop's lifetime model gives no finite figures for this customer's history (a fit on too short a span of orders); it is refitted as orders arrive.";

    private static double? FiniteOrNull(double value) => double.IsFinite(value) ? value : null;

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
