using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using ChurnActors.Api.Contracts;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace ChurnActors.Api.Tests;

/// <summary>
/// Silos started as separate processes on one database form one Orleans cluster through the membership table
/// (migration 0017, the provider's query contract): both show active, an Orleans client finds them through the same
/// table, and a silo stopped with SIGTERM leaves.
/// </summary>
public sealed class ClusterMembershipTests : IAsyncLifetime
{
    private const string AdminKey = "ak_cluster_membership";

    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task AdminCluster_ShowsBothSilosActiveThenTheStoppedOneDead_WhenTwoHostProcessesShareADatabase()
    {
        var writeKey = "wk_cluster_" + Guid.NewGuid().ToString("N");
        var settings = new Dictionary<string, string?> { ["CHURN_ADMIN_KEY"] = AdminKey };
        var starting = new[] { "silo-a", "silo-b" }
            .Select(node => HostProcess.StartAsync(_database.ConnectionString, writeKey, node, settings))
            .ToList();
        await Task.WhenAll(starting.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
        using var a = await starting[0];
        using var b = await starting[1];
        using var admin = EngineHost.CreateClient(a.BaseAddress, AdminKey);

        ClusterResponse? cluster = null;
        await Eventually.WaitAsync(
            async () => (cluster = await ReadClusterAsync(admin)).Active == 2,
            TimeSpan.FromSeconds(30),
            () => $"both silos to be active; last seen: {JsonSerializer.Serialize(cluster)}");
        var active = cluster!.Members.Where(m => m.Status == "Active").ToList();
        Assert.Equal(["silo-a", "silo-b"], active.Select(m => m.NodeName).Order());
        Assert.All(active, m => Assert.NotNull(m.GatewayPort));
        Assert.All(active, m => Assert.True(m.Activations > 0, $"{m.NodeName} shows {m.Activations} activations"));

        // An Orleans client (as an API-only process would be) finds the gateways in the same table.
        Assert.Equal(2, await CountSilosThroughAClientAsync());

        // Any silo takes any request: events sent to one are read through the other.
        var customers = Enumerable.Range(0, 4).Select(i => $"cluster-{i}-{Guid.NewGuid():N}").ToList();
        using (var writer = a.CreateClient())
        {
            foreach (var customer in customers)
            {
                using var sent = await writer.PostAsJsonAsync(
                    new Uri("v1/track", UriKind.Relative),
                    new { userId = customer, @event = "Order Completed", messageId = "m-" + customer, properties = new { order_id = "o-" + customer, revenue = 10 } });
                Assert.True(sent.IsSuccessStatusCode, $"POST /v1/track to silo-a answered {(int)sent.StatusCode}");
            }
        }

        using var reader = b.CreateReader();
        foreach (var customer in customers)
        {
            string? last = null;
            await Eventually.WaitAsync(
                async () =>
                {
                    using var read = await reader.GetAsync(new Uri("v1/users/" + customer, UriKind.Relative));
                    last = $"{(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}";
                    return read.IsSuccessStatusCode && (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventsApplied").GetInt64() == 1;
                },
                TimeSpan.FromSeconds(15),
                () => $"silo-b to show {customer}'s event sent to silo-a; last answer: {last}");
        }

        Assert.True(await b.StopAsync(TimeSpan.FromSeconds(30)), "silo-b did not exit within 30 s of SIGTERM");
        await Eventually.WaitAsync(
            async () => (cluster = await ReadClusterAsync(admin)).Members.Any(m => m.NodeName == "silo-b" && m.Status == "Dead"),
            TimeSpan.FromSeconds(20),
            () => $"silo-b to show dead after SIGTERM; last seen: {JsonSerializer.Serialize(cluster)}");
        Assert.Equal(1, cluster!.Active);
        Assert.Equal("silo-a", Assert.Single(cluster.Members, m => m.Status == "Active").NodeName);
    }

    private static async Task<ClusterResponse> ReadClusterAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<ClusterResponse>(new Uri("v1/admin/cluster", UriKind.Relative), JsonSerializerOptions.Web))!;

    private async Task<int> CountSilosThroughAClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
        builder.UseOrleansClient(client =>
        {
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = _database.ConnectionString;
            });
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "churnactors";
                o.ServiceId = "churnactors";
            });
        });
        using var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.StartAsync(timeout.Token);
        try
        {
            var silos = await host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            return silos.Count;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
