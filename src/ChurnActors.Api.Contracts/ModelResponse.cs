namespace ChurnActors.Api.Contracts;

/// <summary>Which model produced a score.</summary>
public sealed record ModelResponse(string Name, string? Version);
