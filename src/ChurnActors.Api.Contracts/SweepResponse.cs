namespace ChurnActors.Api.Contracts;

/// <summary>One finished sweep: the customers it woke and how long it took.</summary>
public sealed record SweepResponse(int Customers, double Seconds, DateTimeOffset FinishedAt);
