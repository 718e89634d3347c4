namespace ChurnActors.Training.Evaluation;

/// <summary>One bin of a calibration table: the rows predicted within [<see cref="From"/>, <see cref="To"/>).</summary>
/// <param name="From">Lower edge of the predicted probability.</param>
/// <param name="To">Upper edge (the last bin includes 1).</param>
/// <param name="Rows">Rows in the bin.</param>
/// <param name="MeanPredicted">Their mean predicted probability (NaN when empty).</param>
/// <param name="ObservedRate">The share of them that churned (NaN when empty).</param>
public sealed record CalibrationBin(double From, double To, long Rows, double MeanPredicted, double ObservedRate);
