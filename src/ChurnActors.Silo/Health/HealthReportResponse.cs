namespace ChurnActors.Silo.Health;

/// <summary>The answer of <c>/health/live</c> and <c>/health/ready</c>: the overall status and each check by name.</summary>
/// <param name="Status"><c>Healthy</c>, <c>Degraded</c> or <c>Unhealthy</c> (answered 503).</param>
public sealed record HealthReportResponse(string Status, double DurationMs, IReadOnlyList<HealthCheckResponse> Checks);
