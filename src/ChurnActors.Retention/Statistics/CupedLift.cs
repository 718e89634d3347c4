namespace ChurnActors.Retention.Statistics;

/// <summary>The revenue lift adjusted with the pre-period covariate (CUPED).</summary>
/// <param name="Theta">cov(Y, X) / var(X) over both arms together (0 when the covariate does not vary).</param>
/// <param name="Lift">The difference in adjusted revenue per customer, its Welch interval and p-value.</param>
/// <param name="IncrementalRevenue">The adjusted lift × treatment customers, with its interval.</param>
/// <param name="VarianceReduction">1 − var(Y′) / var(Y) over both arms together (= the squared correlation of Y and X).</param>
public sealed record CupedLift(double Theta, Difference Lift, Interval IncrementalRevenue, double VarianceReduction);
