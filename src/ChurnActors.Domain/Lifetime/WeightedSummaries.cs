namespace ChurnActors.Domain.Lifetime;

/// <summary>
/// Customers with identical sufficient statistics grouped with a count, so a likelihood evaluates each distinct
/// history once (CDNOW's 2,357 customers have about 1,400 distinct (x, tₓ, T)).
/// </summary>
internal sealed class WeightedSummaries
{
    private WeightedSummaries(PurchaseSummary[] items, double[] weights, int customers)
    {
        Items = items;
        Weights = weights;
        Customers = customers;
        MaxFrequency = items.Length == 0 ? 0 : items.Max(s => Math.Max(s.Frequency, s.SpendCount));
    }

    public PurchaseSummary[] Items { get; }

    public double[] Weights { get; }

    public int Customers { get; }

    public int MaxFrequency { get; }

    /// <summary>Groups by (x, tₓ, T); spend figures are dropped.</summary>
    public static WeightedSummaries ForTransactions(IEnumerable<PurchaseSummary> customers) =>
        Group(customers, s => s with { MeanSpend = 0, SpendCount = 0 }, _ => true, nameof(customers));

    /// <summary>Groups by (count, mean spend) the customers with at least one repeat transaction and a positive mean.</summary>
    public static WeightedSummaries ForSpend(IEnumerable<PurchaseSummary> customers) =>
        Group(customers, s => new PurchaseSummary(0, 0, 0, s.MeanSpend, s.SpendCount), s => s.SpendCount > 0 && s.MeanSpend > 0, nameof(customers));

    private static WeightedSummaries Group(
        IEnumerable<PurchaseSummary> customers, Func<PurchaseSummary, PurchaseSummary> key, Func<PurchaseSummary, bool> include, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(customers, parameterName);
        var counts = new Dictionary<PurchaseSummary, int>();
        var total = 0;
        foreach (var customer in customers)
        {
            if (!customer.IsValid)
            {
                throw new ArgumentException($"Invalid purchase summary {customer}: needs x ≥ 0, 0 ≤ tₓ ≤ T and tₓ = 0 when x = 0.", parameterName);
            }

            if (!include(customer))
            {
                continue;
            }

            var k = key(customer);
            counts[k] = counts.GetValueOrDefault(k) + 1;
            total++;
        }

        var items = counts.Keys.ToArray();
        var weights = items.Select(k => (double)counts[k]).ToArray();
        return new WeightedSummaries(items, weights, total);
    }
}
