namespace ChurnActors.Silo.Console.Data;

/// <summary>One row of <c>band_transitions</c> for a customer.</summary>
public sealed record BandChange(DateTimeOffset At, string? FromBand, string ToBand, double? Probability, long CauseSequence);
