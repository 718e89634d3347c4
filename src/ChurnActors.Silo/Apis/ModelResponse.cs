namespace ChurnActors.Silo.Apis;

/// <summary>Which model produced a score.</summary>
public sealed record ModelResponse(string Name, string? Version);
