using System.Runtime.CompilerServices;
using ChurnActors.Domain.Events;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Lifetime;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// The shop's lifetime fit in a cluster: silos on one database share the <c>lifetime_fit</c> row, so one of them reads
/// the order history and fits per interval and the others load that fit.
/// </summary>
public sealed class LifetimeFitClusterTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var reset = _dataSource.CreateCommand(
            "UPDATE lifetime_fit SET claimed_by = NULL, claimed_until = NULL, attempted_by = NULL, attempted_at = NULL, model = NULL, reason = NULL");
        await reset.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task LifetimeFitService_FitsOnOneSiloOnly_WhenTwoSilosStartOnOneDatabase()
    {
        var options = Options(interval: TimeSpan.FromHours(1));
        var first = Silo("silo-1", options);
        var second = Silo("silo-2", options);

        await first.Service.StartAsync(CancellationToken.None);
        await second.Service.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.WaitAsync(
                () => Task.FromResult(first.Models.Lifetime is not null && second.Models.Lifetime is not null),
                TimeSpan.FromSeconds(20),
                () => $"both silos to serve a lifetime model; silo-1: {first.Models.LifetimeReason}, silo-2: {second.Models.LifetimeReason}");

            Assert.Equal(1, first.Log.Reads + second.Log.Reads);
            Assert.Equal(first.Models.Lifetime!.Version, second.Models.Lifetime!.Version);
            Assert.Equal(first.Models.Lifetime.FittedAt, second.Models.Lifetime.FittedAt);
            Assert.Equal(first.Models.Lifetime.RiskQuantiles, second.Models.Lifetime.RiskQuantiles);
        }
        finally
        {
            await first.Service.StopAsync(CancellationToken.None);
            await second.Service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task RunClusterRoundAsync_LoadsTheOtherSilosFit_WithinTheIntervalAndFitsOnceItHasPassed()
    {
        var options = Options(interval: TimeSpan.FromSeconds(2));
        var first = Silo("silo-1", options);
        var second = Silo("silo-2", options);

        var fitted = await first.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None);
        var loaded = await second.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None);
        var again = await first.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None);

        Assert.True(fitted.Fitted);
        Assert.False(loaded.Fitted);
        Assert.False(again.Fitted);
        Assert.Equal(0, second.Log.Reads);
        Assert.Equal(first.Models.Lifetime!.Version, second.Models.Lifetime!.Version);
        Assert.InRange(loaded.Wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // Once the interval has passed, the next silo to look fits, and the first loads that newer fit.
        LifetimeFitRound? next = null;
        await Eventually.WaitAsync(
            async () => (next = await second.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None)).Fitted,
            TimeSpan.FromSeconds(15),
            () => "silo-2 to claim the fit after the 2 s interval");
        var newest = second.Models.Lifetime!;
        await first.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None);

        Assert.Equal(1, second.Log.Reads);
        Assert.Equal(newest.FittedAt, first.Models.Lifetime!.FittedAt);
    }

    [Fact]
    public async Task RunClusterRoundAsync_WaitsForAClaim_UntilItsLeaseExpires()
    {
        var options = Options(interval: TimeSpan.FromHours(1));
        var silo = Silo("silo-2", options);

        // A silo that claimed the fit and died before recording it.
        var registry = new PostgresLifetimeFitRegistry(_dataSource);
        var dead = await registry.TryClaimAsync("silo-1", TimeSpan.FromHours(1), TimeSpan.FromHours(1), TimeSpan.FromSeconds(2), CancellationToken.None);
        var blocked = await silo.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None);

        Assert.True(dead.Claimed);
        Assert.False(blocked.Fitted);
        Assert.Null(silo.Models.Lifetime);
        await Eventually.WaitAsync(
            async () => (await silo.Service.RunClusterRoundAsync(0, ordersArrived: false, CancellationToken.None)).Fitted,
            TimeSpan.FromSeconds(15),
            () => "silo-2 to claim the fit once silo-1's 2 s lease expired");
        Assert.NotNull(silo.Models.Lifetime);
    }

    private static ScoringOptions Options(TimeSpan interval) => new()
    {
        LifetimeFitDelay = TimeSpan.Zero,
        LifetimeFitInterval = interval,
        LifetimeFitRetry = TimeSpan.FromMilliseconds(200),
        LifetimeFitMinCustomers = 20,
        LifetimeFitMinRepeatCustomers = 5,
    };

    private SiloFit Silo(string node, ScoringOptions options)
    {
        var log = new CountingOrdersLog(Shop());
        var models = new ScoringModels(Microsoft.Extensions.Options.Options.Create(options));
        var service = new LifetimeFitService(
            log, models, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<LifetimeFitService>.Instance,
            orders: null, cluster: new LifetimeFitCluster(new PostgresLifetimeFitRegistry(_dataSource), node));
        return new SiloFit(service, models, log);
    }

    /// <summary>60 customers over a year, every third ordering again every 30 days or so.</summary>
    private static List<OrderRecord> Shop()
    {
        var orders = new List<OrderRecord>();
        for (var i = 0; i < 60; i++)
        {
            var first = 20 + (5 * i);
            orders.Add(new OrderRecord($"c{i}", Now.AddDays(-first), 20 + (i % 7)));
            for (var days = first - 30 - (i % 9); i % 3 == 0 && days > 1; days -= 30 + (i % 9))
            {
                orders.Add(new OrderRecord($"c{i}", Now.AddDays(-days), 15 + (i % 5)));
            }
        }

        return orders;
    }

    private sealed record SiloFit(LifetimeFitService Service, ScoringModels Models, CountingOrdersLog Log);

    /// <summary>The shop's order history; counts how often a silo read it (once per fit).</summary>
    private sealed class CountingOrdersLog(List<OrderRecord> orders) : IEventLogReader
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public async IAsyncEnumerable<OrderRecord> ReadOrdersAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            await Task.Yield();
            foreach (var order in orders.Where(o => o.At < before))
            {
                yield return order;
            }
        }

        public Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(string customerKey, long afterSequence, int limit, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(string anonymousId, string userId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
