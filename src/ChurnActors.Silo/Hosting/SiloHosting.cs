using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Storage.Cluster;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Orleans.Configuration;

namespace ChurnActors.Silo.Hosting;

/// <summary>The Orleans silo and the pipeline from the log to the grains: delivery, write-behind, checkpoints.</summary>
public static class SiloHosting
{
    /// <summary>
    /// Registers the silo (PostgreSQL membership, or localhost clustering in the in-memory mode, both set by
    /// <see cref="ChurnClusterOptions"/>) or, in the api role (<see cref="HostRoleOptions"/>), the Orleans client that
    /// finds the silos in the same membership table (<see cref="ClusterClientHosting"/>); <see cref="NodeOptions"/> and
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

        services.AddValidatedOptions<ChurnClusterOptions>(ChurnClusterOptions.SectionName);

        // Which clustering to register depends on these settings, so they are checked here rather than at start.
        var cluster = OptionsRegistration.Bind<ChurnClusterOptions>(builder.Configuration, ChurnClusterOptions.SectionName);
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        var node = OptionsRegistration.Bind<NodeOptions>(builder.Configuration, NodeOptions.SectionName);
        if (storage.Mode != StorageMode.InMemory)
        {
            var connectionString = StorageHosting.RequireConnectionString(builder.Configuration);
            services.AddKeyedSingleton(ChurnDataSources.Membership, (_, _) =>
                ChurnDataSources.MembershipPool(connectionString, cluster.Membership.PoolSize).Build());

            // Survivors take over the checkpoints of dead silos; the claims are read with the membership table, on its pool.
            services.AddValidatedOptions<TakeoverOptions>(TakeoverOptions.SectionName);
            services.AddSingleton<INodeTakeoverStore>(sp =>
                new PostgresNodeTakeoverStore(sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.Membership)));
        }

        if (HostRoleOptions.Read(builder.Configuration).IsApi)
        {
            if (storage.Mode == StorageMode.InMemory)
            {
                throw new InvalidOperationException(
                    $"{HostRoleOptions.RoleKey}={HostRoleOptions.Api} finds the silos in the PostgreSQL membership table: set " +
                    "ConnectionStrings:ChurnActors and drop --in-memory, or run the silo role.");
            }

            builder.AddChurnClusterClient(cluster);
        }
        else
        {
            AddSilo(builder, cluster, storage, node);
        }

        // After the silo: these call grains once it runs (hosted services start in the order they are registered); in the
        // api role, once the Orleans client has connected.
        services.AddSingleton<DispatchAdmission>();
        services.AddSingleton<GrainDispatcher>();
        services.AddSingleton<ICommittedEventSink>(sp => sp.GetRequiredService<GrainDispatcher>());
        builder.AddGrainCallingService(sp => sp.GetRequiredService<GrainDispatcher>());
        services.AddSingleton<CheckpointService>();
        builder.AddGrainCallingService(sp => sp.GetRequiredService<CheckpointService>());
        if (storage.Mode != StorageMode.InMemory && !HostRoleOptions.Read(builder.Configuration).IsApi)
        {
            // Silos take over dead silos' checkpoints (an api process is not a member: nothing offers it one).
            services.AddSingleton<DeadNodeTakeoverService>();
            builder.AddGrainCallingService(sp => sp.GetRequiredService<DeadNodeTakeoverService>());
        }

        return builder;
    }

    private static void AddSilo(WebApplicationBuilder builder, ChurnClusterOptions cluster, StorageOptions storage, NodeOptions node) =>
        builder.UseOrleans(silo =>
        {
            if (storage.Mode == StorageMode.InMemory)
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            }
            else
            {
                // Members and gateways are kept in PostgreSQL by the project's own SQL (migration 0017), on a pool of
                // their own: heartbeats must not queue behind the event log's connections under load.
                silo.UseAdoNetClustering(options => options.Configure<IServiceProvider>((o, sp) =>
                {
                    o.Invariant = "Npgsql";
                    o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.Membership);
                }));
                silo.ConfigureEndpoints(cluster.AdvertisedIPAddress, cluster.SiloPort, cluster.GatewayPort, cluster.ListenOnAnyAddress);
            }

            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });

            // The membership table and the cluster view name each silo by its node name, unique per process.
            silo.Configure<SiloOptions>(o => o.SiloName = node.Name);
            silo.Configure<ClusterMembershipOptions>(cluster.Membership.ApplyTo);
        });
}
