namespace ChurnActors.LoadTools.Bench;

/// <summary>The sweep's design target (a million dormant customers rescored within <see cref="Seconds"/>) and whether the run met it.</summary>
public sealed record SweepTarget(double Seconds, bool Met);
