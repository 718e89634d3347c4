using Hangfire;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// Resolves each job from a scope of this host's container. Given to the server explicitly rather than through
/// Hangfire's process-wide activator, so that two hosts in one process (tests, benchmarks) never run each other's jobs.
/// </summary>
public sealed class ServiceScopeJobActivator(IServiceScopeFactory scopes) : JobActivator
{
    public override object ActivateJob(Type jobType)
    {
        throw new NotSupportedException("Jobs are resolved in a scope: use BeginScope.");
    }

    public override JobActivatorScope BeginScope(JobActivatorContext context) => new Scope(scopes.CreateScope());

    private sealed class Scope(IServiceScope scope) : JobActivatorScope
    {
        public override object Resolve(Type type) => ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);

        public override void DisposeScope() => scope.Dispose();
    }
}
