namespace ChurnActors.Training.Uplift;

/// <summary>A point of an uplift or Qini curve: the number of customers targeted (top by score) and the curve's value there.</summary>
public readonly record struct CurvePoint(double Targeted, double Value);
