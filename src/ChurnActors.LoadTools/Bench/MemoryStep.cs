namespace ChurnActors.LoadTools.Bench;

/// <summary>One step of <c>bench memory</c>: the host's memory with <see cref="Customers"/> resident, after a full collection.</summary>
public sealed record MemoryStep(
    int Customers,
    long Activations,
    double GcHeapMB,
    double WorkingSetMB,
    double HeapBytesPerCustomer,
    double WorkingSetBytesPerCustomer,
    double SendSeconds,
    double AppliedSeconds,
    double CustomersPerSecond,
    double CollectSeconds);
