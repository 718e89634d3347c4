using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace ChurnActors.Silo.Hosting;

/// <summary>The Orleans silo and the pipeline from the log to the grains: delivery, write-behind, checkpoints.</summary>
public static class SiloHosting
{
    /// <summary>
    /// Registers the silo (localhost clustering on <see cref="SiloEndpointOptions"/>), <see cref="NodeOptions"/> and
    /// <see cref="WriteBehindOptions"/>, the dispatcher (the delivery loop, <see cref="ICommittedEventSink"/>) with its
    /// admission gate, the applied watermark, recovery and the checkpoint service.
    /// </summary>
    public static WebApplicationBuilder AddChurnSilo(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<NodeOptions>(NodeOptions.SectionName);
        services.AddValidatedOptions<WriteBehindOptions>(WriteBehindOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System); // a test host may bring its own clock
        services.AddSingleton<AppliedWatermark>();
        services.AddSingleton<RecoveryStatus>();
        services.AddSingleton<WriteThrottle>();
        services.AddSingleton<PipelineMetrics>();

        var endpoints = builder.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "churnactors";
                o.ServiceId = "churnactors";
            });
        });

        // After the silo: these call grains once it runs (hosted services start in the order they are registered).
        services.AddSingleton<DispatchAdmission>();
        services.AddSingleton<GrainDispatcher>();
        services.AddSingleton<ICommittedEventSink>(sp => sp.GetRequiredService<GrainDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<GrainDispatcher>());
        services.AddHostedService<CheckpointService>();
        return builder;
    }
}
