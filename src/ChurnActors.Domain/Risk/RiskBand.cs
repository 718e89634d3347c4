namespace ChurnActors.Domain.Risk;

/// <summary>How worried to be about a customer, from the churn probability (see <see cref="RiskBands"/>).</summary>
public enum RiskBand
{
    Low = 0,
    Medium = 1,
    High = 2,
}
