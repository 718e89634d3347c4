namespace ChurnActors.Silo.Health;

/// <summary>One named check of a health answer.</summary>
public sealed record HealthCheckResponse(
    string Name,
    string Status,
    string? Description,
    double DurationMs,
    IReadOnlyDictionary<string, object>? Data);
