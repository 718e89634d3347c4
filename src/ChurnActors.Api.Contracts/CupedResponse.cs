namespace ChurnActors.Api.Contracts;

/// <summary>The CUPED-adjusted revenue lift.</summary>
/// <param name="Covariate">What the revenue is adjusted with.</param>
/// <param name="Theta">cov(revenue, covariate) / var(covariate) over both arms.</param>
/// <param name="Lift">The adjusted revenue-per-customer lift.</param>
/// <param name="IncrementalRevenue">The adjusted lift × treated customers.</param>
/// <param name="VarianceReduction">The share of the revenue's variance the adjustment removed.</param>
public sealed record CupedResponse(string Covariate, double? Theta, DifferenceResponse Lift, IntervalResponse IncrementalRevenue, double? VarianceReduction);
