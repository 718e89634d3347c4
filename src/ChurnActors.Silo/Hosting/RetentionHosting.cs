using ChurnActors.Grains.Retention;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChurnActors.Silo.Hosting;

/// <summary>Registers what customer grains need to run playbooks.</summary>
public static class RetentionHosting
{
    /// <summary>
    /// Registers <see cref="RetentionOptions"/>, the contact policy and control group options (validated at start),
    /// <see cref="ActivePlaybooks"/>, <see cref="RetentionRuntime"/> and the <see cref="RetentionStepRunner"/>, both
    /// running as hosted services. The caller registers the playbook and episode stores, the delivery and the
    /// suppression list (<see cref="ICustomerSuppression"/>).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="runStepRunner">
    /// Runs the <see cref="RetentionStepRunner"/>: in silos. An api process does not (the silos claim and run due steps).
    /// </param>
    public static IServiceCollection AddChurnRetention(this IServiceCollection services, bool runStepRunner = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        services.AddValidatedOptions<ContactPolicyOptions>(ContactPolicyOptions.SectionName);
        services.AddValidatedOptions<ControlGroupOptions>(ControlGroupOptions.SectionName);
        services.TryAddSingleton<ActivePlaybooks>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivePlaybooks>());
        services.TryAddSingleton<RetentionRuntime>();
        services.TryAddSingleton<RetentionStepRunner>();
        if (runStepRunner)
        {
            services.AddHostedService(sp => sp.GetRequiredService<RetentionStepRunner>());
        }

        return services;
    }
}
