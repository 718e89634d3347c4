namespace ChurnActors.Retention.Statistics;

/// <summary>
/// Sums over an arm's customers, as one SQL aggregate returns them: of the outcome y, the revenue r and the pre-period
/// covariate x, their squares, and the products r·x.
/// </summary>
public sealed record ArmSums(
    double Outcome, double OutcomeSquares, double Revenue, double RevenueSquares, double Covariate, double CovariateSquares, double RevenueCovariate);
