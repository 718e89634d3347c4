using Npgsql;
using Orleans.Configuration;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// The Orleans client of the <see cref="HostRoleOptions.Api"/> role: gateways found in the same PostgreSQL membership
/// table the silos write (on the membership pool), connected in the background by
/// <see cref="ClusterClientConnection"/>; and the registration of hosted services that call grains, which in that role
/// start only once the client is connected.
/// </summary>
public static class ClusterClientHosting
{
    /// <summary>
    /// Registers the Orleans client (<c>UseOrleansClient</c>): ADO.NET clustering with invariant <c>Npgsql</c>, the
    /// cluster and service ids of <see cref="ChurnClusterOptions"/>, the gateway list refresh, the start retry
    /// (<see cref="GatewayConnectRetryFilter"/>) and the connection status for the <c>orleans-client</c> health check.
    /// </summary>
    internal static void AddChurnClusterClient(this WebApplicationBuilder builder, ChurnClusterOptions cluster)
    {
        var services = builder.Services;
        services.AddSingleton<ClusterConnectionStatus>();
        services.AddSingleton<IClusterConnectionStatusObserver>(sp => sp.GetRequiredService<ClusterConnectionStatus>());
        services.AddSingleton<IClientConnectionRetryFilter, GatewayConnectRetryFilter>();

        // The client's own hosted services would hold the host's start (and HTTP) until a silo answers: they are taken
        // out here and started in the background by ClusterClientConnection.
        var before = services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(options => options.Configure<IServiceProvider>((o, sp) =>
            {
                o.Invariant = "Npgsql";
                o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.Membership);
            }));
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = cluster.GatewayListRefreshPeriod);
        });

        var clientServices = services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList();
        foreach (var descriptor in clientServices)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton(new OrleansClientServices(clientServices));
        services.AddHostedService<ClusterClientConnection>();
    }

    /// <summary>
    /// Registers a hosted service that calls grains: started with the host in the silo role, and once the Orleans client
    /// has connected in the API-only role (<see cref="ClusterDependentService"/>).
    /// </summary>
    internal static void AddGrainCallingService<T>(this WebApplicationBuilder builder, Func<IServiceProvider, T> create)
        where T : class, IHostedService
    {
        if (HostRoleOptions.IsApiRole(builder.Configuration))
        {
            builder.Services.AddSingleton(new ClusterDependentService(create));
        }
        else
        {
            builder.Services.AddHostedService(create);
        }
    }
}
