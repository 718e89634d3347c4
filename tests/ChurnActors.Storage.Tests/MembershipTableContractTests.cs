using System.Net;
using ChurnActors.Storage.Cluster;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// The project's membership SQL (migration 0017) driven through the Orleans ADO.NET provider's own
/// <see cref="IMembershipTable"/> and gateway list, as silos and clients use them: every change but the heartbeat is
/// conditional on the cluster's version, so two silos that read the same version cannot both change the table.
/// </summary>
public sealed class MembershipTableContractTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 12, 8, 1, 0, 0, 125, DateTimeKind.Utc);

    // One cluster id per test: each test sees only its own members.
    private readonly string _clusterId = "membership-contract-" + Guid.NewGuid().ToString("N");
    private ServiceProvider? _services;
    private AdoNetClusteringTable? _table;

    private AdoNetClusteringTable Table => _table!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = _clusterId;
            o.ServiceId = "membership-contract";
        });
        services.Configure<AdoNetClusteringSiloOptions>(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database.ConnectionString;
        });
        services.Configure<AdoNetClusteringClientOptions>(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = database.ConnectionString;
        });
        _services = services.BuildServiceProvider();
        _table = ActivatorUtilities.CreateInstance<AdoNetClusteringTable>(_services);
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true);
    }

    public async Task DisposeAsync() => await _services!.DisposeAsync();

    [Fact]
    public async Task InsertRow_AddsTheSiloOnce_WhenItHoldsTheCurrentVersion()
    {
        var empty = await Table.ReadAllAsync();
        var silo = Entry(11111, SiloStatus.Joining);

        var inserted = await Table.InsertRowAsync(silo, empty.Version.Next());
        var again = await Table.InsertRowAsync(Entry(11111, SiloStatus.Joining), (await Table.ReadAllAsync()).Version.Next());
        var read = await Table.ReadAllAsync();

        Assert.Empty(empty.Members);
        Assert.True(inserted);
        Assert.False(again);
        var (member, _) = Assert.Single(read.Members);
        Assert.Equal(silo.SiloAddress, member.SiloAddress);
        Assert.Equal("silo-11111", member.SiloName);
        Assert.Equal(SiloStatus.Joining, member.Status);
        Assert.Equal(30000, member.ProxyPort);
        Assert.Equal(Start, member.StartTime);
        Assert.Equal(empty.Version.Version + 1, read.Version.Version);
    }

    [Fact]
    public async Task InsertRowAndUpdateRow_Refuse_WhenAnotherSiloChangedTheTableSinceTheirRead()
    {
        var seen = await Table.ReadAllAsync();
        Assert.True(await Table.InsertRowAsync(Entry(11111, SiloStatus.Joining), seen.Version.Next()));
        var joined = await Table.ReadAllAsync();
        await InsertAsync(Entry(11112, SiloStatus.Joining));

        // Silos still holding versions read before the other's change.
        var stale = await Table.InsertRowAsync(Entry(11113, SiloStatus.Joining), seen.Version.Next());
        var staleUpdate = await Table.UpdateRowAsync(Entry(11111, SiloStatus.Active), joined.Members[0].Item2, joined.Version.Next());

        Assert.False(stale);
        Assert.False(staleUpdate);
        var members = (await Table.ReadAllAsync()).Members;
        Assert.Equal(2, members.Count);
        Assert.All(members, m => Assert.Equal(SiloStatus.Joining, m.Item1.Status));
    }

    [Fact]
    public async Task UpdateRow_ChangesStatusAndSuspicions_AndReadRowReturnsThatSiloOnly()
    {
        var first = Entry(11111, SiloStatus.Joining);
        var second = Entry(11112, SiloStatus.Active);
        await InsertAsync(first);
        await InsertAsync(second);

        var suspected = Entry(11111, SiloStatus.Active);
        suspected.SuspectTimes = [Tuple.Create(second.SiloAddress, Start.AddSeconds(15))];
        var read = await Table.ReadAllAsync();
        var version = read.Version;
        var etag = read.Members.Single(m => m.Item1.SiloAddress.Equals(first.SiloAddress)).Item2;
        Assert.True(await Table.UpdateRowAsync(suspected, etag, version.Next()));
        var row = await Table.ReadRowAsync(first.SiloAddress);

        var (member, _) = Assert.Single(row.Members);
        Assert.Equal(SiloStatus.Active, member.Status);
        var (by, at) = Assert.Single(member.SuspectTimes!);
        Assert.Equal(second.SiloAddress, by);
        Assert.Equal(Start.AddSeconds(15), at);
        Assert.Equal(version.Version + 1, row.Version.Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_MovesTheHeartbeat_WithoutChangingTheVersion()
    {
        var version = (await Table.ReadAllAsync()).Version;
        var silo = Entry(11111, SiloStatus.Active);
        await InsertAsync(silo);

        silo.IAmAliveTime = Start.AddMinutes(1);
        await Table.UpdateIAmAliveAsync(silo);
        var read = await Table.ReadAllAsync();

        Assert.Equal(Start.AddMinutes(1), Assert.Single(read.Members).Item1.IAmAliveTime);
        Assert.Equal(version.Version + 1, read.Version.Version);
    }

    [Fact]
    public async Task GetGateways_ListsOnlyActiveSilosGatewayPorts()
    {
        await InsertAsync(Entry(11111, SiloStatus.Active));
        await InsertAsync(Entry(11112, SiloStatus.Joining));
        await InsertAsync(Entry(11113, SiloStatus.Dead));

        var gateways = ActivatorUtilities.CreateInstance<AdoNetGatewayListProvider>(_services!);
        await gateways.InitializeGatewayListProvider();
        var listed = await gateways.GetGateways();

        var gateway = Assert.Single(listed);
        Assert.Equal("127.0.0.1", gateway.Host);
        Assert.Equal(30000, gateway.Port);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DeletesOnlyDeadSilosSilentSinceTheCutoff()
    {
        var deadLongAgo = Entry(11111, SiloStatus.Dead);
        var deadJustNow = Entry(11112, SiloStatus.Dead);
        deadJustNow.IAmAliveTime = Start.AddDays(2);
        var active = Entry(11113, SiloStatus.Active);
        await InsertAsync(deadLongAgo);
        await InsertAsync(deadJustNow);
        await InsertAsync(active);

        await Table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(Start.AddDays(1)));
        var left = (await Table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();

        Assert.Equal([deadJustNow.SiloAddress, active.SiloAddress], left.OrderBy(a => a.Endpoint.Port));
    }

    [Fact]
    public async Task RetirePreviousProcesses_MarksTheNodesEarlierRowsDead_AndMovesTheVersion()
    {
        var killed = Entry(11111, SiloStatus.Active);
        var other = Entry(11112, SiloStatus.Active);
        await InsertAsync(killed);
        await InsertAsync(other);
        var version = (await Table.ReadAllAsync()).Version;

        var retired = await MembershipTable.RetirePreviousProcessesAsync(database.ConnectionString, _clusterId, "silo-11111");
        var read = await Table.ReadAllAsync();

        Assert.Equal(1, retired);
        Assert.Equal(SiloStatus.Dead, read.Members.Single(m => m.Item1.SiloAddress.Equals(killed.SiloAddress)).Item1.Status);
        Assert.Equal(SiloStatus.Active, read.Members.Single(m => m.Item1.SiloAddress.Equals(other.SiloAddress)).Item1.Status);
        Assert.Equal(version.Version + 1, read.Version.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_ForgetsTheCluster()
    {
        Assert.True(await Table.InsertRowAsync(Entry(11111, SiloStatus.Active), (await Table.ReadAllAsync()).Version.Next()));

        await Table.DeleteMembershipTableEntriesAsync(_clusterId);
        await Table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var read = await Table.ReadAllAsync();

        Assert.Empty(read.Members);
        Assert.Equal(0, read.Version.Version);
    }

    /// <summary>Inserts <paramref name="entry"/> as a silo does: at the version it has just read.</summary>
    private async Task InsertAsync(MembershipEntry entry) =>
        Assert.True(await Table.InsertRowAsync(entry, (await Table.ReadAllAsync()).Version.Next()), $"inserting {entry.SiloAddress}");

    private static MembershipEntry Entry(int port, SiloStatus status) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 155_700_000),
        SiloName = "silo-" + port,
        HostName = "test-host",
        Status = status,
        ProxyPort = 30000,
        StartTime = Start,
        IAmAliveTime = Start,
    };
}
