namespace ChurnActors.Api.Contracts;

/// <summary>One garbage collection: its pause, what it promoted and the heap it left.</summary>
public sealed record GcCollectionResponse(
    long Index,
    int Generation,
    double PauseMs,
    long PromotedBytes,
    long HeapSizeBytes,
    long PinnedObjects,
    bool Compacted,
    long FragmentedBytes);
