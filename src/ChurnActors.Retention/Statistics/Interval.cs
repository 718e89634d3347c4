namespace ChurnActors.Retention.Statistics;

/// <summary>An estimate with its confidence interval; NaN where it is undefined (an arm without customers, a zero base).</summary>
public sealed record Interval(double Value, double Low, double High)
{
    /// <summary>Every bound multiplied by <paramref name="factor"/> (an interval per customer scaled to a number of customers).</summary>
    public Interval Scale(double factor) => new(Value * factor, Low * factor, High * factor);
}
