namespace ChurnActors.Api.Contracts;

/// <summary>A treatment − control difference with its standard error, confidence interval and two-sided p-value; null where undefined.</summary>
public sealed record DifferenceResponse(double? Absolute, double? StandardError, double? CiLow, double? CiHigh, double? PValue);
