using ChurnActors.Storage.WakeUps;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>The due-time index of customers' wake-ups in PostgreSQL. Tests of one class run one after another.</summary>
public sealed class PostgresWakeUpIndexTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private NpgsqlDataSource? _dataSource;
    private PostgresWakeUpIndex? _index;

    private PostgresWakeUpIndex Index => _index!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        _index = new PostgresWakeUpIndex(_dataSource, NullLogger<PostgresWakeUpIndex>.Instance);
        await using var clear = _dataSource.CreateCommand("DELETE FROM customer_wakeups");
        await clear.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await _index!.DisposeAsync();
        await _dataSource!.DisposeAsync();
    }

    [Fact]
    public async Task ClaimDueAsync_ReturnsOnlyDueWakeUps_OldestFirst()
    {
        await Task.WhenAll(
            Index.ScheduleAsync("late", Noon.AddHours(2), default),
            Index.ScheduleAsync("second", Noon.AddMinutes(-5), default),
            Index.ScheduleAsync("first", Noon.AddHours(-1), default));

        var claimed = await Index.ClaimDueAsync(Noon, 100, Lease, default);

        Assert.Equal(["first", "second"], claimed.Select(w => w.CustomerKey));
        Assert.Equal(Noon.AddHours(-1), claimed[0].DueAt);
    }

    [Fact]
    public async Task ClaimDueAsync_HandsAWakeUpOutAgain_OnlyWhenItsLeaseHasEnded()
    {
        await Index.ScheduleAsync("lost", Noon.AddMinutes(-1), default);
        Assert.Single(await Index.ClaimDueAsync(Noon, 100, Lease, default));

        var duringLease = await Index.ClaimDueAsync(Noon.AddMinutes(4), 100, Lease, default);
        var afterLease = await Index.ClaimDueAsync(Noon.AddMinutes(6), 100, Lease, default);

        Assert.Empty(duringLease);
        Assert.Equal("lost", Assert.Single(afterLease).CustomerKey);
    }

    [Fact]
    public async Task AdvanceAsync_MakesOnlyThePrefixsWakeUpsDueNow_EvenClaimedOnes()
    {
        await Task.WhenAll(
            Index.ScheduleAsync("sweep-a-1", Noon.AddDays(30), default),
            Index.ScheduleAsync("sweep-a-2", Noon.AddMinutes(-1), default),
            Index.ScheduleAsync("sweep-b-1", Noon.AddDays(30), default));
        Assert.Single(await Index.ClaimDueAsync(Noon, 100, Lease, default));

        var advanced = await Index.AdvanceAsync("sweep-a-", Noon, default);
        var claimed = await Index.ClaimDueAsync(Noon, 100, Lease, default);

        Assert.Equal(2, advanced);
        Assert.Equal(["sweep-a-1", "sweep-a-2"], claimed.Select(w => w.CustomerKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReadBacklogAsync_CountsOnlyThePrefixsWakeUps()
    {
        await Task.WhenAll(
            Index.ScheduleAsync("mem-x-1", Noon.AddDays(1), default),
            Index.ScheduleAsync("mem-x-2", Noon.AddMinutes(-1), default),
            Index.ScheduleAsync("mem_x-3", Noon.AddMinutes(-1), default));

        var backlog = await Index.ReadBacklogAsync("mem-x-", Noon, default);

        Assert.Equal(new WakeUpBacklog(2, 1, Noon.AddMinutes(-1)), backlog);
    }

    [Fact]
    public async Task ScheduleAsync_KeepsOneWakeUpPerCustomer_WhenRescheduledOrCancelled()
    {
        await Index.ScheduleAsync("moved", Noon.AddMinutes(-30), default);
        await Index.ScheduleAsync("cancelled", Noon.AddMinutes(-30), default);
        await Task.WhenAll(
            Index.ScheduleAsync("moved", Noon.AddMinutes(-20), default),
            Index.ScheduleAsync("moved", Noon.AddDays(3), default),
            Index.ScheduleAsync("cancelled", null, default));

        var backlog = await Index.ReadBacklogAsync(Noon, default);

        Assert.Empty(await Index.ClaimDueAsync(Noon, 100, Lease, default));
        Assert.Equal(new WakeUpBacklog(1, 0, Noon.AddDays(3)), backlog);
    }

    [Fact]
    public async Task ClaimDueAsync_NeverHandsTheSameWakeUpToTwoSweepers_WhenTheyClaimAtOnce()
    {
        var keys = Enumerable.Range(0, 2_000).Select(i => $"dormant-{i}").ToList();
        await Task.WhenAll(keys.Select((k, i) => Index.ScheduleAsync(k, Noon.AddSeconds(-i), default)));
        await using var otherSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var other = new PostgresWakeUpIndex(otherSource, NullLogger<PostgresWakeUpIndex>.Instance);

        var claims = await Task.WhenAll(
            Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? Index : other).ClaimDueAsync(Noon, 300, Lease, default)));

        var all = claims.SelectMany(c => c).Select(w => w.CustomerKey).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(2_000, all.Count);
    }
}
