namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// Customers' calibration-period summaries and holdout-period purchase counts from a transaction log, the usual way
/// of fitting and checking a lifetime model.
/// </summary>
/// <param name="CalibrationEnd">The last day of the calibration period.</param>
/// <param name="HoldoutEnd">The last day of the holdout period, if any.</param>
/// <param name="TimeUnit">The unit of tₓ, T and <see cref="HoldoutLength"/>.</param>
/// <param name="Customers">Every customer whose first purchase is on or before <paramref name="CalibrationEnd"/>.</param>
public sealed record CalibrationSplit(DateOnly CalibrationEnd, DateOnly? HoldoutEnd, TimeSpan TimeUnit, IReadOnlyList<CalibratedCustomer> Customers)
{
    /// <summary>The holdout period's length in <see cref="TimeUnit"/>s: from the end of the calibration end day to the end of the holdout end day.</summary>
    public double HoldoutLength => HoldoutEnd is { } end ? (end.DayNumber - CalibrationEnd.DayNumber) / TimeUnit.TotalDays : 0;

    /// <summary>
    /// Builds the split. Each customer's transactions up to and including <paramref name="calibrationEnd"/> go through a
    /// <see cref="PurchaseHistory"/> (so same-day purchases merge there too), whose summary is taken as of the start of
    /// <paramref name="calibrationEnd"/>: T = days from the first purchase day to the calibration end day, divided by
    /// the unit. This is the convention of Fader, Hardie &amp; Lee's CDNOW data (a customer who first bought on
    /// 1997-01-01 has T = 272/7 = 38.86 weeks with the calibration ending 1997-09-30) and reproduces their estimates.
    /// Transactions after the calibration end day and on or before <paramref name="holdoutEnd"/> are counted as
    /// holdout purchases; customers first seen after the calibration end are left out.
    /// </summary>
    public static CalibrationSplit Build(IEnumerable<DatedPurchase> purchases, DateOnly calibrationEnd, DateOnly? holdoutEnd, TimeSpan timeUnit)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        if (holdoutEnd is { } end && end <= calibrationEnd)
        {
            throw new ArgumentException($"The holdout end {end:yyyy-MM-dd} must be after the calibration end {calibrationEnd:yyyy-MM-dd}.", nameof(holdoutEnd));
        }

        var histories = new Dictionary<string, (PurchaseHistory History, int Holdout)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var purchase in purchases.OrderBy(p => p.Day))
        {
            if (purchase.Day <= calibrationEnd)
            {
                if (!histories.TryGetValue(purchase.CustomerId, out var entry))
                {
                    entry = (new PurchaseHistory(), 0);
                    order.Add(purchase.CustomerId);
                }

                entry.History.Record(new DateTimeOffset(purchase.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), purchase.Value);
                histories[purchase.CustomerId] = entry;
            }
            else if (holdoutEnd is { } last && purchase.Day <= last && histories.TryGetValue(purchase.CustomerId, out var entry))
            {
                histories[purchase.CustomerId] = (entry.History, entry.Holdout + 1);
            }
        }

        var asOf = new DateTimeOffset(calibrationEnd.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var customers = order
            .Select(id => new CalibratedCustomer(id, histories[id].History.SummaryAsOf(asOf, timeUnit), histories[id].Holdout))
            .ToList();
        return new CalibrationSplit(calibrationEnd, holdoutEnd, timeUnit, customers);
    }
}
