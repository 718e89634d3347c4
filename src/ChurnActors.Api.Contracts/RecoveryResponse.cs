namespace ChurnActors.Api.Contracts;

/// <summary>
/// Startup recovery: finished or not, the customers it catches up and how many it has; and the dead nodes whose
/// checkpoints this silo took over, with the customers it caught up for them.
/// </summary>
public sealed record RecoveryResponse(bool Finished, int Customers, int CaughtUp, int Takeovers = 0, int TakeoverCustomers = 0);
