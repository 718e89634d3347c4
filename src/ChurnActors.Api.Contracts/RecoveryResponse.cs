namespace ChurnActors.Api.Contracts;

/// <summary>Startup recovery: finished or not, the customers it catches up and how many it has.</summary>
public sealed record RecoveryResponse(bool Finished, int Customers, int CaughtUp);
