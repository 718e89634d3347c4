using ChurnActors.Domain.Events;

namespace ChurnActors.Ingest;

/// <summary>
/// The outcome of reading one Segment request body: the write key it carries (if any) and either the
/// events (with an empty <see cref="IncomingEvent.Source"/>, set once the key is authenticated) or the problems.
/// </summary>
public sealed record SegmentParseResult(
    string? BodyWriteKey,
    IReadOnlyList<IncomingEvent> Events,
    IReadOnlyList<IngestProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
