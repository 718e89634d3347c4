namespace ChurnActors.Ingest;

/// <summary>One thing wrong with a request, said so that the sender can fix it.</summary>
/// <param name="Kind">The class of problem, which decides the HTTP status.</param>
/// <param name="Index">The message's index in <c>batch</c> (null for the request as a whole).</param>
/// <param name="Field">The offending field (JSON name), if one.</param>
/// <param name="Detail">What is wrong and how to fix it.</param>
public sealed record IngestProblem(IngestProblemKind Kind, int? Index, string? Field, string Detail);
