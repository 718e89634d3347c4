namespace ChurnActors.Silo.Console.Charts;

/// <summary>One calibration bin of a model's evaluation: mean predicted probability, observed churn rate, rows.</summary>
public sealed record CalibrationPoint(double Predicted, double Observed, long Rows);
