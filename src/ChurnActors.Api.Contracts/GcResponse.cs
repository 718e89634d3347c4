namespace ChurnActors.Api.Contracts;

/// <summary>The garbage collector since the process started, and its last ephemeral and last full blocking collection.</summary>
public sealed record GcResponse(
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double PauseSeconds,
    long AllocatedBytes,
    double LastPausePercent,
    GcCollectionResponse LastEphemeral,
    GcCollectionResponse LastFull);
