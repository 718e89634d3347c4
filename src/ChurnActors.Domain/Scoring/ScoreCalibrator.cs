namespace ChurnActors.Domain.Scoring;

/// <summary>Turns raw scores into probabilities exactly as ML.NET's Platt and isotonic calibrators do.</summary>
internal sealed class ScoreCalibrator
{
    // ML.NET's isotonic calibrator keeps its output within [1e-15, 1 - 1e-15] (single precision).
    private const float IsotonicMin = 1e-15f;
    private const float IsotonicMax = 1 - 1e-15f;

    private readonly CalibrationKind _kind;
    private readonly double _a;
    private readonly double _b;
    private readonly float[] _mins;
    private readonly float[] _maxes;
    private readonly float[] _values;

    public ScoreCalibrator(ModelCalibration calibration)
    {
        _kind = calibration.Kind;
        _a = calibration.A;
        _b = calibration.B;
        _mins = calibration.Mins is null ? [] : (float[])calibration.Mins.Clone();
        _maxes = calibration.Maxes is null ? [] : (float[])calibration.Maxes.Clone();
        _values = calibration.Values is null ? [] : (float[])calibration.Values.Clone();
    }

    public double Probability(double raw)
    {
        if (double.IsNaN(raw))
        {
            return double.NaN;
        }

        return _kind == CalibrationKind.Platt ? 1.0 / (1.0 + Math.Exp((_a * raw) + _b)) : Isotonic((float)raw);
    }

    private double Isotonic(float score)
    {
        var value = IsotonicValue(score);
        return value < IsotonicMin ? IsotonicMin : value > IsotonicMax ? IsotonicMax : value;
    }

    private float IsotonicValue(float score)
    {
        var pieces = _mins.Length;
        if (score < _mins[0])
        {
            return _values[0];
        }

        if (score > _maxes[pieces - 1])
        {
            return _values[pieces - 1];
        }

        // First piece whose upper bound is >= score.
        int low = 0, high = pieces - 1;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_maxes[middle] < score)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        if (score >= _mins[low])
        {
            return _values[low];
        }

        // Between piece low - 1 and piece low: interpolate.
        var t = (score - _maxes[low - 1]) / (_mins[low] - _maxes[low - 1]);
        return _values[low - 1] + (t * (_values[low] - _values[low - 1]));
    }
}
