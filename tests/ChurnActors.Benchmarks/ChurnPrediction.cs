namespace ChurnActors.Benchmarks;

/// <summary>ML.NET's output row for a binary classifier, reused by the PredictionEngine baseline.</summary>
public sealed class ChurnPrediction
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }
}
