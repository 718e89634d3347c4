namespace ChurnActors.Abstractions;

/// <summary>What became of events handed to another silo's log writer (<see cref="ILogWriterGrain"/>).</summary>
/// <param name="Status">Whether they were committed, refused as data the store cannot keep, or not stored for now.</param>
/// <param name="Accepted">Events committed.</param>
/// <param name="Duplicates">Events the log already held (same source and messageId).</param>
/// <param name="Message">Why they were refused or not stored; null when committed.</param>
[GenerateSerializer, Immutable, Alias("ChurnActors.AppendOutcome")]
public sealed record AppendOutcome(
    [property: Id(0)] AppendStatus Status,
    [property: Id(1)] int Accepted,
    [property: Id(2)] int Duplicates,
    [property: Id(3)] string? Message);
