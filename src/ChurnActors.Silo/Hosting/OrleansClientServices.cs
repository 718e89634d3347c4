namespace ChurnActors.Silo.Hosting;

/// <summary>
/// The hosted services that <c>UseOrleansClient</c> registered (the client's connection to the cluster), taken out of
/// the host's start so that <see cref="ClusterClientConnection"/> starts them in the background.
/// </summary>
public sealed class OrleansClientServices(IReadOnlyList<ServiceDescriptor> descriptors)
{
    /// <summary>The services, resolved from the container in registration order.</summary>
    public IEnumerable<IHostedService> Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var descriptor in descriptors)
        {
            yield return descriptor switch
            {
                { ImplementationInstance: IHostedService instance } => instance,
                { ImplementationFactory: { } factory } => (IHostedService)factory(services),
                { ImplementationType: { } type } => (IHostedService)ActivatorUtilities.GetServiceOrCreateInstance(services, type),
                _ => throw new InvalidOperationException($"The Orleans client's hosted service {descriptor} cannot be created."),
            };
        }
    }
}
