namespace ChurnActors.Domain.Scoring;

/// <summary>
/// A linear model: raw score = <see cref="Bias"/> + sum of <see cref="Weights"/>[i] * feature[i].
/// <see cref="Reference"/> holds one reference value per feature (the training mean), the point against which
/// contributions are measured: contribution[i] = weight[i] * (feature[i] - reference[i]).
/// </summary>
public sealed record LinearModel
{
    /// <summary>One weight per feature, in schema order.</summary>
    public required float[] Weights { get; init; }

    /// <summary>The intercept.</summary>
    public required float Bias { get; init; }

    /// <summary>One reference value per feature (the training mean), in schema order.</summary>
    public required double[] Reference { get; init; }
}
