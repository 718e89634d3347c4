namespace ChurnActors.LoadTools.Bench;

/// <summary><c>bench memory</c>'s design target (a million resident customers within <see cref="Bytes"/> of working set) and whether the run met it.</summary>
public sealed record MemoryTarget(double Bytes, bool Met);
