namespace ChurnActors.Deploy.Tests;

/// <summary>
/// The probe paths the deploy files must use. The tests also check that the host maps both (<see cref="HostRoutes"/>):
/// renaming an endpoint fails them.
/// </summary>
internal static class HealthPaths
{
    /// <summary>The process is up: liveness probes and the image's HEALTHCHECK.</summary>
    public const string Live = "/health/live";

    /// <summary>The node can take traffic: readiness probes.</summary>
    public const string Ready = "/health/ready";
}
