using Microsoft.ML.Data;

namespace ChurnActors.Training.Synthetic;

/// <summary>One synthetic customer as ML.NET reads it: whether the customer churned and the feature vector.</summary>
public sealed class SyntheticChurnRow
{
    /// <summary>True when the customer churned.</summary>
    public bool Label { get; set; }

    /// <summary>The features, in the order of <see cref="SyntheticChurnData.FeatureNames"/>.</summary>
    [VectorType(SyntheticChurnData.FeatureCount)]
    public float[] Features { get; set; } = [];
}
