namespace ChurnActors.Cli.Lifetime;

/// <summary>Holdout purchases of the customers with one calibration frequency (or all of them): actual and predicted.</summary>
/// <param name="Label">The calibration repeat-purchase count x ("0", "1", ..., "7+"), or "total".</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="Actual">Their transactions in the holdout period.</param>
/// <param name="BgNbd">Σ E[Y(t*) | x, tₓ, T] under the BG/NBD fit.</param>
/// <param name="ParetoNbd">Σ E[Y(t*) | x, tₓ, T] under the Pareto/NBD fit.</param>
internal sealed record HoldoutRow(string Label, int Customers, int Actual, double BgNbd, double ParetoNbd);
