namespace ChurnActors.Domain.Risk;

/// <summary>The result of scoring one customer as of a moment.</summary>
/// <param name="Status">Scored, or why not.</param>
/// <param name="Probability">P(churn) (0 when not scored).</param>
/// <param name="Percentile">Position in the model's population, 0-100 (0 when not scored).</param>
/// <param name="ModelName">Which model scored (or would have).</param>
/// <param name="ModelVersion">Its version.</param>
/// <param name="Reason">Why there is no score, in words (null when scored).</param>
public readonly record struct ScoreOutcome(
    ScoreStatus Status, double Probability, double Percentile, string? ModelName, string? ModelVersion, string? Reason)
{
    public static ScoreOutcome Insufficient(string reason, string? modelName = null, string? modelVersion = null) =>
        new(ScoreStatus.InsufficientData, 0, 0, modelName, modelVersion, reason);
}
