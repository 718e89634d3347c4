namespace ChurnActors.LoadTools.Http;

/// <summary>The parts of an RFC 7807 problem the tools show: what went wrong and what to do.</summary>
public sealed record ProblemAnswer(string? Title, string? Detail);
