namespace ChurnActors.Retention.Statistics;

/// <summary>One arm's figures.</summary>
/// <param name="Customers">Customers whose outcome window has ended.</param>
/// <param name="Pending">Customers whose outcome window has not ended (in no other figure).</param>
/// <param name="Successes">Customers retained or converted (for <see cref="OutcomeKind.Mean"/>: the sum of the outcome).</param>
/// <param name="Rate">Successes / customers (for <see cref="OutcomeKind.Mean"/>: the mean outcome); NaN without customers.</param>
/// <param name="Revenue">Total revenue over the outcome window.</param>
/// <param name="RevenuePerCustomer">Revenue / customers; NaN without customers.</param>
public sealed record ArmSummary(long Customers, long Pending, double Successes, double Rate, double Revenue, double RevenuePerCustomer);
