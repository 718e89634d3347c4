using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChurnActors.Silo.Health;

/// <summary>PostgreSQL answers a trivial query through the engine's pool. Registered only when storage is PostgreSQL.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL does not answer ({ex.GetType().Name}): {ex.Message}");
        }
    }
}
