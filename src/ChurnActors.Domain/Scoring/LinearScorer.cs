namespace ChurnActors.Domain.Scoring;

/// <summary>Scores a validated linear model: bias plus the dot product, in double precision.</summary>
internal sealed class LinearScorer
{
    private readonly float[] _weights;
    private readonly double[] _reference;
    private readonly double _bias;

    public LinearScorer(LinearModel model)
    {
        _weights = (float[])model.Weights.Clone();
        _reference = (double[])model.Reference.Clone();
        _bias = model.Bias;
        var expected = _bias;
        for (var i = 0; i < _weights.Length; i++)
        {
            expected += _weights[i] * _reference[i];
        }

        BaseValue = expected;
    }

    /// <summary>The raw score at the reference point: contributions are measured from here.</summary>
    public double BaseValue { get; }

    public double Raw(ReadOnlySpan<float> features)
    {
        var weights = _weights.AsSpan(0, features.Length);
        var sum = _bias;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i] * (double)features[i];
        }

        return sum;
    }

    public double Contributions(ReadOnlySpan<float> features, Span<double> contributions)
    {
        var weights = _weights.AsSpan(0, features.Length);
        var reference = _reference.AsSpan(0, features.Length);
        var sum = _bias;
        for (var i = 0; i < weights.Length; i++)
        {
            double weight = weights[i];
            double value = features[i];
            sum += weight * value;
            contributions[i] = weight * (value - reference[i]);
        }

        return sum;
    }
}
