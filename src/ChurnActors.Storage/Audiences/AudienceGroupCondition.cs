namespace ChurnActors.Storage.Audiences;

/// <summary>A nested <c>{"all":[...]}</c> or <c>{"any":[...]}</c> group.</summary>
public sealed record AudienceGroupCondition(AudienceFilter Group) : AudienceCondition;
