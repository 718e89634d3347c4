namespace ChurnActors.Api.Contracts;

/// <summary>An estimate with its confidence interval; null where undefined.</summary>
public sealed record IntervalResponse(double? Value, double? CiLow, double? CiHigh);
