namespace ChurnActors.Domain.Risk;

/// <summary>Whether a customer has a churn score.</summary>
public enum ScoreStatus
{
    /// <summary>Not rescored yet.</summary>
    NotScored = 0,

    /// <summary>Scored by a model; the probability is set.</summary>
    Scored = 1,

    /// <summary>No model can score yet: too little history in the shop or for this customer.</summary>
    InsufficientData = 2,
}
