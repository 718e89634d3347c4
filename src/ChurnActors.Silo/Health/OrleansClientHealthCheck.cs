using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChurnActors.Silo.Health;

/// <summary>
/// In the API-only role: the Orleans client is connected to at least one silo's gateway, so ingest is delivered to the
/// grains and customer reads are answered. Before the first connection (no silo up yet) and after losing every gateway
/// it is not ready; the process stays live and keeps trying.
/// </summary>
public sealed class OrleansClientHealthCheck(ClusterConnectionStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["gateways"] = status.Gateways,
            ["attempts"] = status.Attempts,
        };
        if (status.Connected)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"Connected to the cluster through {status.Gateways} gateway(s).", data));
        }

        var reason = status.LastError is { } error ? $" Latest attempt: {error}" : string.Empty;
        return Task.FromResult(HealthCheckResult.Unhealthy(
            "Not connected to any silo gateway: start a silo on the same database and ChurnActors:Cluster:ClusterId; " +
            "this process keeps trying." + reason,
            data: data));
    }
}
