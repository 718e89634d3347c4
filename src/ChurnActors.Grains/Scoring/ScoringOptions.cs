using ChurnActors.Domain.Risk;

namespace ChurnActors.Grains.Scoring;

/// <summary>How customers are scored. Bound from <c>ChurnActors:Scoring</c>.</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "ChurnActors:Scoring";

    /// <summary>
    /// A model snapshot (JSON, see docs/scoring.md) to score with from the start; without one, customers are scored
    /// by the shop's BG/NBD fit once there is enough history.
    /// </summary>
    public string? ModelFile { get; set; }

    /// <summary>P(churn) from which a customer is in the medium band.</summary>
    public double MediumAt { get; set; } = RiskBands.Default.MediumAt;

    /// <summary>P(churn) from which a customer is in the high band.</summary>
    public double HighAt { get; set; } = RiskBands.Default.HighAt;

    /// <summary>How far below a band's threshold P(churn) must fall to leave the band.</summary>
    public double Hysteresis { get; set; } = RiskBands.Default.Hysteresis;

    public RiskBands Bands => new() { MediumAt = MediumAt, HighAt = HighAt, Hysteresis = Hysteresis };
}
