using ChurnActors.Grains.Dispatch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChurnActors.Silo.Health;

/// <summary>Startup recovery has caught up every customer with events beyond the node's last checkpoint.</summary>
public sealed class RecoveryHealthCheck(RecoveryStatus recovery) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["customers"] = recovery.Customers,
            ["caughtUp"] = recovery.Done,
        };
        return Task.FromResult(recovery.Finished
            ? HealthCheckResult.Healthy("Startup recovery has finished.", data)
            : HealthCheckResult.Unhealthy(
                $"Startup recovery is running: {recovery.Done:N0} of {recovery.Customers:N0} customers caught up from the event log.", data: data));
    }
}
