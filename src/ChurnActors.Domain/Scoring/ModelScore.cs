namespace ChurnActors.Domain.Scoring;

/// <summary>The result of scoring one feature vector: the model's raw score and its calibrated probability.</summary>
/// <param name="Raw">The raw (uncalibrated) score; higher means more likely positive.</param>
/// <param name="Probability">The calibrated probability of the positive class.</param>
public readonly record struct ModelScore(double Raw, double Probability);
