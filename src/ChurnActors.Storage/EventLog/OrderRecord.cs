namespace ChurnActors.Storage.EventLog;

/// <summary>A completed order in the event log: whose, when, and for how much (null when the event named no amount).</summary>
public sealed record OrderRecord(string CustomerKey, DateTimeOffset At, decimal? Amount);
