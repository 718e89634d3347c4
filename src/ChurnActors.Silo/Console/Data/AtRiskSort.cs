namespace ChurnActors.Silo.Console.Data;

/// <summary>The orders of the at-risk list, each served by an index of <c>customer_scores</c>.</summary>
public enum AtRiskSort
{
    /// <summary>Highest probability of churn first.</summary>
    Probability,

    /// <summary>Highest value at risk (probability x CLV) first; customers without a CLV have none and are left out.</summary>
    ValueAtRisk,

    /// <summary>Most recent band change first.</summary>
    BandSince,
}
