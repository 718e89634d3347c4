namespace ChurnActors.Grains.WakeUps;

/// <summary>One sweep that woke customers: how many, how long it took from first claim to last wake, when it ended.</summary>
public sealed record SweepSummary(int Customers, TimeSpan Elapsed, DateTimeOffset FinishedAt);
