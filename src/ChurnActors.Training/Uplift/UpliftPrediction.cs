namespace ChurnActors.Training.Uplift;

/// <summary>The calibrated probability a binary model gives one row, as ML.NET writes it.</summary>
public sealed class UpliftPrediction
{
    public float Probability { get; set; }
}
