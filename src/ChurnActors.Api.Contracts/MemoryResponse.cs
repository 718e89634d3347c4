namespace ChurnActors.Api.Contracts;

/// <summary><c>GET /v1/admin/memory</c>: the process's memory, its grain activations and its garbage collector.</summary>
/// <param name="Collected">A forced full collection ran first (<c>collect=true</c>).</param>
/// <param name="CollectSeconds">How long that collection took.</param>
public sealed record MemoryResponse(
    bool Collected,
    double CollectSeconds,
    long GcHeapBytes,
    long GcHeapSizeBytes,
    long GcCommittedBytes,
    long WorkingSetBytes,
    long PrivateBytes,
    int Activations,
    double GrainCollectionAgeSeconds,
    bool ServerGc,
    int Processors,
    GcResponse Gc);
