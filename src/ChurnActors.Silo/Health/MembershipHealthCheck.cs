using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ChurnActors.Silo.Health;

/// <summary>
/// This silo is <see cref="SiloStatus.Active"/> in the cluster's membership: it has joined and takes grain calls.
/// Before that (joining) and after (shutting down, or declared dead by the others) it is not ready.
/// </summary>
public sealed class MembershipHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var data = new Dictionary<string, object>
        {
            ["silo"] = oracle.SiloAddress.ToString(),
            ["status"] = status.ToString(),
            ["activeSilos"] = oracle.GetApproximateSiloStatuses(onlyActive: true).Count,
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("This silo is active in the cluster.", data)
            : HealthCheckResult.Unhealthy(
                $"This silo is {status} in the cluster, not active: it takes no grain calls until it has joined.", data: data));
    }
}
