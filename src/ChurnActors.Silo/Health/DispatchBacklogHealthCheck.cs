using ChurnActors.Grains.Dispatch;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Health;

/// <summary>
/// The committed events waiting for their grains are under <see cref="NodeOptions.MaxDispatchBacklog"/>; at the
/// bound, ingest holds new requests and then answers 503.
/// </summary>
public sealed class DispatchBacklogHealthCheck(DispatchAdmission admission, IOptions<NodeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = admission.Backlog;
        var bound = options.Value.MaxDispatchBacklog;
        var data = new Dictionary<string, object> { ["backlog"] = backlog, ["bound"] = bound };
        return Task.FromResult(backlog < bound
            ? HealthCheckResult.Healthy($"{backlog:N0} committed events wait for their grains (bound {bound:N0}).", data)
            : HealthCheckResult.Unhealthy(
                $"{backlog:N0} committed events wait for their grains, at or over the bound of {bound:N0} (ChurnActors:Node:MaxDispatchBacklog): ingest is holding requests.",
                data: data));
    }
}
