namespace ChurnActors.LoadTools.Bench;

/// <summary>The host's memory before <c>bench memory</c> made any customer resident, after a full collection.</summary>
public sealed record MemoryBaseline(double GcHeapMB, double WorkingSetMB);
