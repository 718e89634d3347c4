namespace ChurnActors.Domain.Lifetime;

/// <summary>How <see cref="CustomerValue.Clv"/> values a customer's future.</summary>
/// <param name="Horizon">How far ahead, in the summaries' time unit (e.g. 52 for a year in weeks).</param>
/// <param name="Margin">The share of spend kept as profit (1 = revenue).</param>
/// <param name="DiscountRate">
/// The discount rate per time unit (e.g. 0.10 a year is about 0.00183 a week); 0 for undiscounted value.
/// </param>
/// <param name="Steps">
/// Into how many equal periods the horizon is split for discounting; each period's expected purchases are discounted
/// from its midpoint. Ignored when <paramref name="DiscountRate"/> is 0.
/// </param>
public readonly record struct ClvOptions(double Horizon, double Margin = 1, double DiscountRate = 0, int Steps = 12);
