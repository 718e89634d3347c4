namespace ChurnActors.Retention.Statistics;

/// <summary>
/// A treatment − control difference: the estimate, the standard error its interval uses, the interval and the
/// two-sided p-value of the hypothesis that the difference is 0. NaN where undefined (an arm too small).
/// </summary>
public sealed record Difference(double Value, double StandardError, double Low, double High, double PValue)
{
    /// <summary>The interval alone.</summary>
    public Interval ToInterval() => new(Value, Low, High);
}
