using ChurnActors.Storage.Cluster;
using ChurnActors.Testing;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// Claims on dead nodes' checkpoints (migration 0020) read from the membership table (migration 0017): when a node's
/// latest process is dead, exactly one of the survivors that race for it takes it over; a finished takeover moves the
/// node's checkpoint and is not offered again, a claimant that died is replaced once its lease ran out.
/// </summary>
public sealed class NodeTakeoverStoreTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    // One cluster and one set of node names per test: each test sees only its own members and checkpoints.
    private readonly string _clusterId = "takeover-" + Guid.NewGuid().ToString("N");
    private readonly string _dead = "dead-" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;

    private PostgresNodeTakeoverStore Store => new(_dataSource!);

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await ExecuteAsync("INSERT INTO orleans_membership_version (cluster_id) VALUES ($1)", _clusterId);
    }

    public async Task DisposeAsync() => await _dataSource!.DisposeAsync();

    [Fact]
    public async Task TryClaim_GivesTheDeadNodeToExactlyOneSurvivor_WhenTwoSurvivorsClaimAtOnce()
    {
        await AddMemberAsync("survivor-a", 1, Active);
        await AddMemberAsync("survivor-b", 2, Active);
        await AddMemberAsync(_dead, 3, Dead);
        await WriteCheckpointAsync(_dead, 41);

        var seenByA = await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None);
        var seenByB = await Store.FindDeadNodesAsync(_clusterId, "survivor-b", CancellationToken.None);
        var claims = await Task.WhenAll(
            Store.TryClaimAsync(Assert.Single(seenByA), "survivor-a", Lease, CancellationToken.None),
            Store.TryClaimAsync(Assert.Single(seenByB), "survivor-b", Lease, CancellationToken.None));

        Assert.Equal(_dead, seenByA[0].Node);
        Assert.Equal(3, seenByA[0].Generation);
        Assert.Equal(41, Assert.Single(claims, c => c is not null));
        Assert.Single(claims, c => c is null);
        Assert.Empty(await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None));
        var takeover = Assert.Single(await TakeoversOfDeadAsync());
        Assert.Null(takeover.FinishedAt);
        Assert.Equal(41, takeover.FromSequence);
    }

    [Fact]
    public async Task CompleteAsync_MovesTheCheckpointAndEndsTheOffer_WhenTheClaimantFinishes()
    {
        await AddMemberAsync("survivor-a", 1, Active);
        await AddMemberAsync(_dead, 3, Dead);
        await WriteCheckpointAsync(_dead, 10);
        var dead = Assert.Single(await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None));
        Assert.Equal(10, await Store.TryClaimAsync(dead, "survivor-a", Lease, CancellationToken.None));

        var completedByOther = await Store.CompleteAsync(dead, "survivor-b", 90, 7, CancellationToken.None);
        var completed = await Store.CompleteAsync(dead, "survivor-a", 90, 7, CancellationToken.None);

        Assert.False(completedByOther);
        Assert.True(completed);
        Assert.Equal(90, await CheckpointAsync(_dead));
        Assert.Empty(await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None));
        Assert.Null(await Store.TryClaimAsync(dead, "survivor-b", Lease, CancellationToken.None));
        var takeover = Assert.Single(await TakeoversOfDeadAsync());
        Assert.Equal("survivor-a", takeover.By);
        Assert.NotNull(takeover.FinishedAt);
        Assert.Equal((10L, 90L, 7), (takeover.FromSequence, takeover.ThroughSequence!.Value, takeover.Customers!.Value));
    }

    [Fact]
    public async Task TryClaim_GivesTheNodeToAnotherSurvivor_OnlyAfterTheClaimantsLeaseRanOut()
    {
        await AddMemberAsync(_dead, 3, Dead);
        var dead = Assert.Single(await Store.FindDeadNodesAsync(_clusterId, "survivor-b", CancellationToken.None));
        Assert.Equal(0, await Store.TryClaimAsync(dead, "survivor-a", Lease, CancellationToken.None)); // no checkpoint yet: from 0

        var whileHeld = await Store.TryClaimAsync(dead, "survivor-b", Lease, CancellationToken.None);
        var renewed = await Store.RenewAsync(dead, "survivor-a", Lease, CancellationToken.None);
        await ExecuteAsync("UPDATE ingest_checkpoints SET takeover_until = now() - interval '1 second' WHERE node = $1", _dead);
        var offered = await Store.FindDeadNodesAsync(_clusterId, "survivor-b", CancellationToken.None);
        var afterLapse = await Store.TryClaimAsync(dead, "survivor-b", Lease, CancellationToken.None);

        Assert.Null(whileHeld);
        Assert.True(renewed);
        Assert.Equal(_dead, Assert.Single(offered).Node);
        Assert.Equal(0, afterLapse);
        Assert.False(await Store.RenewAsync(dead, "survivor-a", Lease, CancellationToken.None));
        Assert.False(await Store.CompleteAsync(dead, "survivor-a", 5, 1, CancellationToken.None));
        Assert.Equal("survivor-b", Assert.Single(await TakeoversOfDeadAsync()).By);
    }

    [Fact]
    public async Task FindDeadNodes_OffersANodeAgain_OnlyWhenItsLatestProcessDiedToo()
    {
        await AddMemberAsync(_dead, 3, Dead);
        var first = Assert.Single(await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None));
        await Store.TryClaimAsync(first, "survivor-a", Lease, CancellationToken.None);
        await Store.CompleteAsync(first, "survivor-a", 20, 2, CancellationToken.None);

        await AddMemberAsync(_dead, 4, Active, startedMinutesAgo: 1); // restarted under the same node name
        var whileAlive = await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None);
        await ExecuteAsync("UPDATE orleans_membership SET status = 6 WHERE cluster_id = $1 AND generation = 4", _clusterId);
        var afterSecondDeath = await Store.FindDeadNodesAsync(_clusterId, "survivor-a", CancellationToken.None);

        Assert.Empty(whileAlive);
        var second = Assert.Single(afterSecondDeath);
        Assert.Equal(4, second.Generation);
        Assert.Equal(20, await Store.TryClaimAsync(second, "survivor-a", Lease, CancellationToken.None));
    }

    [Fact]
    public async Task FindDeadNodes_LeavesOutTheAskingNode_WhenItsOwnEarlierProcessIsDead()
    {
        await AddMemberAsync(_dead, 3, Dead);

        Assert.Empty(await Store.FindDeadNodesAsync(_clusterId, _dead, CancellationToken.None));
    }

    private async Task<IReadOnlyList<NodeTakeover>> TakeoversOfDeadAsync() =>
        [.. (await Store.ReadTakeoversAsync(CancellationToken.None)).Where(t => t.Node == _dead)];

    private async Task AddMemberAsync(string node, int generation, int status, int startedMinutesAgo = 10)
    {
        await using var command = _dataSource!.CreateCommand(
            """
            INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port,
                                            start_time, i_am_alive_time)
            VALUES ($1, '127.0.0.1', 11111, $2, $3, 'test-host', $4, 30000,
                    now() - make_interval(mins => $5), now() - make_interval(mins => $5) + interval '30 seconds')
            """);
        command.Parameters.AddWithValue(_clusterId);
        command.Parameters.AddWithValue(generation);
        command.Parameters.AddWithValue(node);
        command.Parameters.AddWithValue(status);
        command.Parameters.AddWithValue(startedMinutesAgo);
        await command.ExecuteNonQueryAsync();
    }

    private Task WriteCheckpointAsync(string node, long appliedThrough) =>
        ExecuteAsync("INSERT INTO ingest_checkpoints (node, applied_through) VALUES ($1, $2)", node, appliedThrough);

    private async Task<long> CheckpointAsync(string node)
    {
        await using var command = _dataSource!.CreateCommand("SELECT applied_through FROM ingest_checkpoints WHERE node = $1");
        command.Parameters.AddWithValue(node);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = _dataSource!.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
