namespace ChurnActors.Api.Contracts;

/// <summary>The wake-up sweeper's counters since the host started, and its last sweep.</summary>
public sealed record SweeperResponse(long Woken, long Failed, long Sweeps, double BusySeconds, bool Running, SweepResponse? Last);
