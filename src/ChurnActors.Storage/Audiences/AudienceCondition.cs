namespace ChurnActors.Storage.Audiences;

/// <summary>
/// One condition of an audience group: a field condition (<see cref="AudienceFieldCondition"/>), a nested group
/// (<see cref="AudienceGroupCondition"/>) or a recent band entry (<see cref="AudienceEnteredBandCondition"/>).
/// </summary>
public abstract record AudienceCondition;
