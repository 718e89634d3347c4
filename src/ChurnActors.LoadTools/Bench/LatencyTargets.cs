namespace ChurnActors.LoadTools.Bench;

/// <summary><c>bench latency</c>'s design targets (p99 in ms) and whether the run met them.</summary>
public sealed record LatencyTargets(double AckP99Ms, bool AckMet, double ScoreP99Ms, bool ScoreMet);
