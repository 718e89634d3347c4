namespace ChurnActors.Storage.WakeUps;

/// <summary>A claimed wake-up: whose, and when it was due.</summary>
public sealed record DueWakeUp(string CustomerKey, DateTimeOffset DueAt);
