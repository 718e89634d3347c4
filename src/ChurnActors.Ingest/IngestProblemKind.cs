namespace ChurnActors.Ingest;

/// <summary>Why a request was refused.</summary>
public enum IngestProblemKind
{
    /// <summary>The body is not JSON, or not shaped like a Segment call (HTTP 400).</summary>
    Malformed,

    /// <summary>One or more messages miss or misuse a field (HTTP 400).</summary>
    Invalid,

    /// <summary>A message or the whole body exceeds a size limit (HTTP 413).</summary>
    TooLarge,
}
