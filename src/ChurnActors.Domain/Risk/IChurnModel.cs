using ChurnActors.Domain.Activity;

namespace ChurnActors.Domain.Risk;

/// <summary>
/// A model that gives a customer's P(churn) as of a moment, from the customer's accumulated state alone, and
/// explains it. Implementations are immutable and shared by all grains of a silo; scoring must be cheap and must not
/// allocate, since it runs on every delivery and about twenty times per wake-up search.
/// </summary>
public interface IChurnModel
{
    string Name { get; }

    string Version { get; }

    /// <summary>
    /// The churn horizon in days that P(churn) refers to (the chance of no order, or no activity, within this many
    /// days); null when the model does not record it.
    /// </summary>
    double? HorizonDays { get; }

    ScoreOutcome Score(CustomerActivity customer, DateTimeOffset asOf);

    /// <summary>The strongest reasons for the risk as of <paramref name="asOf"/>, in words.</summary>
    IReadOnlyList<string> Explain(CustomerActivity customer, DateTimeOffset asOf);
}
