namespace ChurnActors.LoadTools.Http;

/// <summary>The host's answer to an accepted <c>POST /v1/batch</c>: events accepted and duplicates (-1 when absent).</summary>
public sealed record BatchAcknowledgement(bool Success, int Accepted = -1, int Duplicates = -1);
