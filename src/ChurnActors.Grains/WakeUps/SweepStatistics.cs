namespace ChurnActors.Grains.WakeUps;

/// <summary>
/// The sweeper's counters since start: customers woken and failed, sweeps that woke anyone, the time those sweeps
/// took in all (<see cref="Busy"/>: woken / busy is the sweep rate), whether one is running, and the last one.
/// </summary>
public sealed record SweepStatistics(long Woken, long Failed, long Sweeps, TimeSpan Busy, bool Running, SweepSummary? Last);
