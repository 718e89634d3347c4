namespace ChurnActors.Storage.Scores;

/// <summary>
/// A band change of one customer, a row of <c>band_transitions</c>. The key is the customer, the last log sequence the
/// customer had applied when the band changed (<see cref="CauseSequence"/>) and the band it changed to.
/// </summary>
/// <param name="CustomerKey">The customer.</param>
/// <param name="CauseSequence">The last event log sequence the customer had applied when its band changed.</param>
/// <param name="At">When the grain saw the change.</param>
/// <param name="FromBand">The band before (<c>low</c>, <c>medium</c>, <c>high</c>); null at the customer's first score.</param>
/// <param name="ToBand">The band after.</param>
/// <param name="Probability">P(churn) that put the customer in <paramref name="ToBand"/>.</param>
public sealed record BandTransition(string CustomerKey, long CauseSequence, DateTimeOffset At, string? FromBand, string ToBand, double? Probability);
