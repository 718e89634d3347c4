namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// An O(1) accumulator of one customer's orders for the lifetime models: first and last purchase day, the number of
/// distinct purchase days (orders on the same UTC day merge into one transaction, as the literature does) and the
/// spend sums. Plain settable data, so it round-trips through System.Text.Json as grain state; yields the
/// <see cref="PurchaseSummary"/> as of any moment, with T growing while time passes without orders.
/// </summary>
/// <remarks>
/// Days are UTC calendar days. Orders normally arrive in time order; an order dated before the first purchase day
/// becomes the new first transaction, and an order dated strictly between the first and last purchase days (a late
/// arrival) is counted as a separate transaction because the days in between are not kept.
/// </remarks>
public sealed class PurchaseHistory
{
    /// <summary>UTC day of the first purchase, or null before any order.</summary>
    public DateOnly? FirstPurchaseDay { get; set; }

    /// <summary>UTC day of the latest purchase.</summary>
    public DateOnly? LastPurchaseDay { get; set; }

    /// <summary>Distinct purchase days: the first transaction plus x repeat transactions.</summary>
    public int PurchaseDays { get; set; }

    /// <summary>Orders recorded, counting each of several same-day orders.</summary>
    public long Orders { get; set; }

    /// <summary>Value of all orders.</summary>
    public decimal TotalSpend { get; set; }

    /// <summary>Value of the orders on the first purchase day (the first transaction, excluded from the mean spend).</summary>
    public decimal FirstDaySpend { get; set; }

    /// <summary>x: repeat transactions so far.</summary>
    public int RepeatTransactions => Math.Max(0, PurchaseDays - 1);

    /// <summary>Records one completed order of <paramref name="amount"/> at <paramref name="at"/>.</summary>
    public void Record(DateTimeOffset at, decimal amount)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        Orders++;
        TotalSpend += amount;
        if (FirstPurchaseDay is not { } first || LastPurchaseDay is not { } last)
        {
            FirstPurchaseDay = day;
            LastPurchaseDay = day;
            PurchaseDays = 1;
            FirstDaySpend = amount;
            return;
        }

        if (day == first)
        {
            FirstDaySpend += amount;
        }
        else if (day < first)
        {
            FirstPurchaseDay = day;
            FirstDaySpend = amount;
            PurchaseDays++;
        }
        else if (day > last)
        {
            LastPurchaseDay = day;
            PurchaseDays++;
        }
        else if (day != last)
        {
            PurchaseDays++;
        }
    }

    /// <summary>
    /// The summary as of <paramref name="asOf"/> in units of <paramref name="unit"/>: x, tₓ (whole days from the first
    /// to the last purchase day), T (from the start of the first purchase day to <paramref name="asOf"/>, never less
    /// than tₓ) and the mean value of the repeat transactions. A customer without orders has the default summary.
    /// </summary>
    public PurchaseSummary SummaryAsOf(DateTimeOffset asOf, TimeSpan unit)
    {
        if (unit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "The time unit must be positive.");
        }

        if (FirstPurchaseDay is not { } first || LastPurchaseDay is not { } last)
        {
            return default;
        }

        var days = unit.TotalDays;
        var x = RepeatTransactions;
        var recency = (last.DayNumber - first.DayNumber) / days;
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var age = Math.Max(recency, (asOf - start).TotalDays / days);
        var meanSpend = x > 0 ? Math.Max(0, (double)(TotalSpend - FirstDaySpend) / x) : 0;
        return new PurchaseSummary(x, recency, age, meanSpend, x);
    }
}
