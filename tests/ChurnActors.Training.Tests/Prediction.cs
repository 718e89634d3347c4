namespace ChurnActors.Training.Tests;

/// <summary>One row as ML.NET scored it: the features it saw, its raw score and its probability.</summary>
public sealed record Prediction(float[] Features, float Score, float Probability);
