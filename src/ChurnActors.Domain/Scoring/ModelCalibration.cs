namespace ChurnActors.Domain.Scoring;

/// <summary>
/// The map from a raw score to a probability. For <see cref="CalibrationKind.Platt"/> only <see cref="A"/> and
/// <see cref="B"/> are used (P = 1 / (1 + exp(A * score + B)), as ML.NET's PlattCalibrator defines them: A is its
/// Slope and B its Offset, so a useful A is negative). For <see cref="CalibrationKind.Isotonic"/> the pieces are used:
/// piece i covers scores in [<see cref="Mins"/>[i], <see cref="Maxes"/>[i]] with probability <see cref="Values"/>[i];
/// between pieces the probability is interpolated linearly and beyond the ends it is the first or last value.
/// </summary>
public sealed record ModelCalibration
{
    /// <summary>Which calibration this is.</summary>
    public required CalibrationKind Kind { get; init; }

    /// <summary>Platt slope: multiplies the raw score inside the exponential.</summary>
    public double A { get; init; }

    /// <summary>Platt offset: added inside the exponential.</summary>
    public double B { get; init; }

    /// <summary>Isotonic: lower score bound of each piece, increasing.</summary>
    public float[]? Mins { get; init; }

    /// <summary>Isotonic: upper score bound of each piece, increasing.</summary>
    public float[]? Maxes { get; init; }

    /// <summary>Isotonic: probability of each piece, non-decreasing, within [0, 1].</summary>
    public float[]? Values { get; init; }

    /// <summary>A Platt calibration with the given slope and offset.</summary>
    public static ModelCalibration Platt(double a, double b) => new() { Kind = CalibrationKind.Platt, A = a, B = b };

    /// <summary>An isotonic calibration with the given pieces.</summary>
    public static ModelCalibration Isotonic(float[] mins, float[] maxes, float[] values) =>
        new() { Kind = CalibrationKind.Isotonic, Mins = mins, Maxes = maxes, Values = values };
}
