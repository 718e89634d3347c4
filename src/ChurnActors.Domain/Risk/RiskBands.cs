namespace ChurnActors.Domain.Risk;

/// <summary>
/// The band thresholds on P(churn), with hysteresis: a customer enters a higher band when the probability reaches
/// that band's threshold, and leaves a band only when the probability falls below its threshold minus
/// <see cref="Hysteresis"/>. A probability wobbling around a threshold therefore does not flip the band (and
/// re-trigger retention) on every event.
/// </summary>
public sealed record RiskBands
{
    public static RiskBands Default { get; } = new();

    /// <summary>P(churn) from which a customer is in the medium band.</summary>
    public double MediumAt { get; init; } = 0.4;

    /// <summary>P(churn) from which a customer is in the high band.</summary>
    public double HighAt { get; init; } = 0.7;

    /// <summary>How far below a band's threshold the probability must fall to leave the band.</summary>
    public double Hysteresis { get; init; } = 0.05;

    /// <summary>Throws with a message naming the setting when the thresholds make no sense.</summary>
    public void Validate()
    {
        if (!(MediumAt > 0 && MediumAt < HighAt && HighAt < 1))
        {
            throw new ArgumentException($"Risk band thresholds must satisfy 0 < MediumAt < HighAt < 1 (MediumAt {MediumAt}, HighAt {HighAt}).");
        }

        if (!(Hysteresis >= 0 && Hysteresis < MediumAt && Hysteresis < HighAt - MediumAt))
        {
            throw new ArgumentException(
                $"Risk band hysteresis must be at least 0 and smaller than MediumAt and than HighAt - MediumAt (it is {Hysteresis}).");
        }
    }

    /// <summary>The band without history: the highest band whose threshold the probability reaches.</summary>
    public RiskBand Classify(double probability) =>
        probability >= HighAt ? RiskBand.High : probability >= MediumAt ? RiskBand.Medium : RiskBand.Low;

    /// <summary>The band after a new probability, for a customer currently in <paramref name="current"/>.</summary>
    public RiskBand Next(RiskBand current, double probability)
    {
        var band = current;
        while (band < RiskBand.High && probability >= ThresholdOf(band + 1))
        {
            band++;
        }

        while (band > RiskBand.Low && probability < ThresholdOf(band) - Hysteresis)
        {
            band--;
        }

        return band;
    }

    /// <summary>The probability at which <paramref name="band"/> starts (0 for the low band).</summary>
    public double ThresholdOf(RiskBand band) => band switch
    {
        RiskBand.Low => 0,
        RiskBand.Medium => MediumAt,
        RiskBand.High => HighAt,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown risk band."),
    };
}
