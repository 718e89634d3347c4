namespace ChurnActors.Silo.Hosting;

/// <summary>Bound from <c>ChurnActors:Telemetry</c>: what the host exports of its metrics and traces.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "ChurnActors:Telemetry";

    /// <summary>The standard OpenTelemetry variable: when set, metrics and traces are exported there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Serves the Prometheus scrape endpoint <c>/metrics</c> (no key: firewall it, or set <see cref="MetricsNeedAdminKey"/>).</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>Answers <c>/metrics</c> only to an admin key (Prometheus then sends it as a bearer token).</summary>
    public bool MetricsNeedAdminKey { get; set; }

    /// <summary>
    /// Records traces (the HTTP request, the log writer's commit, Orleans grain calls, the grain's apply). On by
    /// default when <see cref="OtlpEndpointVariable"/> is set, off otherwise: with nothing to send them to, no span is made.
    /// </summary>
    public bool? Tracing { get; set; }

    /// <summary>Serves the Orleans dashboard at <c>/orleans</c> (admin key).</summary>
    public bool OrleansDashboard { get; set; } = true;

    /// <summary>
    /// Adds the dashboard's grain call profiler (calls, errors and latency per grain method). It is a filter on every
    /// grain call, which costs an allocation per call even while nobody looks (it profiles only while the dashboard is
    /// open); off, the dashboard shows silos, grain types and activations but no per-method figures.
    /// </summary>
    public bool OrleansDashboardProfiler { get; set; }

    /// <summary>Whether this process hosts a silo (any role but <c>api</c>).</summary>
    public static bool HostsSilo(IConfiguration configuration) => !HostRoleOptions.IsApiRole(configuration);
}
