using ChurnActors.Domain.Risk;

namespace ChurnActors.Storage.Audiences;

/// <summary>
/// <c>{"enteredBand":"high","withinDays":7}</c>: the customer has a band transition to <paramref name="Band"/> at or
/// after <c>now</c> minus <paramref name="WithinDays"/> days (whatever band the customer is in today).
/// </summary>
public sealed record AudienceEnteredBandCondition(RiskBand Band, int WithinDays) : AudienceCondition;
