namespace ChurnActors.Silo.Hosting;

/// <summary>
/// A hosted service that calls grains, registered in the <see cref="HostRoleOptions.Api"/> role: it starts once the
/// Orleans client has connected (<see cref="ClusterClientConnection"/>), not with the host, which serves HTTP
/// (<c>/health/live</c>) while the client still waits for a silo.
/// </summary>
public sealed class ClusterDependentService(Func<IServiceProvider, IHostedService> create)
{
    /// <summary>The service, resolved from the container.</summary>
    public IHostedService Create(IServiceProvider services) => create(services);
}
