namespace ChurnActors.Api.Contracts;

/// <summary>The 200 answer of the ingest endpoints: how many events were new and how many were repeats.</summary>
public sealed record IngestResponse(bool Success, int Accepted, int Duplicates);
