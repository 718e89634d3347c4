using ChurnActors.Api.Contracts;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Silo.Auth;
using ChurnActors.Silo.Hosting;
using System.Diagnostics;
using ChurnActors.Storage.Cluster;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>The Orleans cluster for operators (and <c>churnactors cluster status</c>): its members and their activations. Admin keys only.</summary>
public static class ClusterAdminApi
{
    /// <summary>Longest the silos are waited for their activation counts; a silo that does not answer in time shows none.</summary>
    private static readonly TimeSpan StatisticsTimeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapClusterAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/admin").RequireAdminKey().WithTags("Admin").MapGet("/cluster", GetClusterAsync);
        return app;
    }

    /// <summary>
    /// The members of the cluster as this silo's membership view has them (address, status, node name, start, latest
    /// heartbeat), and the activations each active silo holds.
    /// </summary>
    /// <remarks>
    /// An API-only process is no member of the Orleans cluster (its client only reads the membership table): when one
    /// answers, it lists the silos it reaches through its client and adds itself as a member of role <c>api</c>, so the
    /// answer says it came from an api node. Other api processes do not show.
    /// </remarks>
    private static async Task<Ok<ClusterResponse>> GetClusterAsync(
        IGrainFactory grains,
        IOptions<ChurnClusterOptions> cluster,
        IOptions<NodeOptions> node,
        IOptions<HostRoleOptions> role,
        IServiceProvider services,
        CancellationToken cancellationToken)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var members = await management.GetDetailedHosts(onlyActive: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        var active = members.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        var activations = new Dictionary<SiloAddress, int>();
        try
        {
            var statistics = await management.GetRuntimeStatistics(active).WaitAsync(StatisticsTimeout, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < active.Length && i < statistics.Length; i++)
            {
                activations[active[i]] = statistics[i].ActivationCount;
            }
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException or SiloUnavailableException)
        {
            // A silo that is going away: its members still show, without counts.
        }

        var rows = members
            .OrderBy(m => m.Status == SiloStatus.Active ? 0 : 1)
            .ThenBy(m => m.SiloName, StringComparer.Ordinal)
            .ThenByDescending(m => m.StartTime)
            .Select(m => new ClusterMemberResponse(
                Address: m.SiloAddress.ToParsableString(),
                Status: m.Status.ToString(),
                Role: "silo",
                NodeName: m.SiloName,
                HostName: m.HostName,
                GatewayPort: m.ProxyPort > 0 ? m.ProxyPort : null,
                StartedAt: new DateTimeOffset(DateTime.SpecifyKind(m.StartTime, DateTimeKind.Utc)),
                UpdatedAt: new DateTimeOffset(DateTime.SpecifyKind(m.IAmAliveTime, DateTimeKind.Utc)),
                Activations: activations.TryGetValue(m.SiloAddress, out var count) ? count : null))
            .ToList();
        if (role.Value.IsApi)
        {
            rows.Insert(0, ThisApiNode(node.Value.Name, services));
        }

        // Takeovers are kept with the checkpoints in PostgreSQL; the in-memory mode has neither.
        IReadOnlyList<TakeoverResponse>? takeovers = null;
        if (services.GetService<INodeTakeoverStore>() is { } store)
        {
            takeovers = [.. (await store.ReadTakeoversAsync(cancellationToken).ConfigureAwait(false)).Select(t => new TakeoverResponse(
                t.Node, t.By, t.DeadAt, t.StartedAt, t.FinishedAt, t.FromSequence, t.ThroughSequence, t.Customers))];
        }

        return TypedResults.Ok(new ClusterResponse(
            cluster.Value.ClusterId, cluster.Value.ServiceId, node.Value.Name, active.Length, rows, takeovers));
    }

    /// <summary>The answering API-only process as a member: its HTTP addresses, whether its client is connected, its start.</summary>
    private static ClusterMemberResponse ThisApiNode(string nodeName, IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var connected = services.GetService<ClusterConnectionStatus>()?.Connected ?? false;
        using var process = Process.GetCurrentProcess();
        return new ClusterMemberResponse(
            Address: addresses is { Count: > 0 } ? string.Join(" ", addresses) : "-",
            Status: connected ? "Active" : "Connecting",
            Role: HostRoleOptions.Api,
            NodeName: nodeName,
            HostName: Environment.MachineName,
            GatewayPort: null,
            StartedAt: new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero),
            UpdatedAt: DateTimeOffset.UtcNow,
            Activations: null);
    }
}
