namespace ChurnActors.Retention.Statistics;

/// <summary>What the outcome of a customer is, which decides how its variance and its test are computed.</summary>
public enum OutcomeKind
{
    /// <summary>0 or 1 (retained, converted): the arm's mean is a proportion, compared with the two-proportion tests.</summary>
    Binary,

    /// <summary>Any number (spend): the arm's mean is compared with Welch's standard error.</summary>
    Mean,
}
