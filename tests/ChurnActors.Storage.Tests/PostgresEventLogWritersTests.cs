using System.Collections.Concurrent;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// Several log writers (one per silo) on one database at once: each customer's events stay one chain in commit order,
/// and a visitor's link to its user is never overtaken by the visitor's own events on another writer.
/// </summary>
public sealed class PostgresEventLogWritersTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AppendAsync_KeepsEachCustomersEventsInOneChain_WhenThreeWritersWriteTheSameCustomersAtOnce()
    {
        var writers = Enumerable.Range(0, 3).Select(_ => Open()).ToList();
        var run = Guid.NewGuid().ToString("N");
        var customers = Enumerable.Range(0, 40).Select(i => $"chain-{run}-{i}").ToList();
        try
        {
            // Every writer sends 30 requests of 25 events for random customers of the same 40, all at once.
            var sends = writers.Select((writer, w) => Task.Run(async () =>
            {
                var random = new Random(w);
                for (var request = 0; request < 30; request++)
                {
                    var events = Enumerable.Range(0, 25)
                        .Select(i => Track(customers[random.Next(customers.Count)], $"w{w}-r{request}-e{i}"))
                        .ToList();
                    await writer.Log.AppendAsync(events, default);
                }
            })).ToList();
            await Task.WhenAll(sends).WaitAsync(Bound);

            await Eventually.WaitAsync(
                () => Task.FromResult(writers.Sum(w => w.Sink.Events.Count) == 3 * 30 * 25),
                Bound,
                () => $"the writers handed on {writers.Sum(w => w.Sink.Events.Count)} of {3 * 30 * 25} committed events");
            var handedOn = writers.SelectMany(w => w.Sink.Events).ToList();
            Assert.Equal(3 * 30 * 25, handedOn.Count);
            Assert.Equal(handedOn.Count, handedOn.Select(e => e.Sequence).Distinct().Count());
            foreach (var customer in customers)
            {
                // In sequence order, each event links to the one before it: no two commits took the same predecessor.
                var chain = handedOn.Where(e => e.CustomerKey == customer).OrderBy(e => e.Sequence).ToList();
                Assert.Equal(
                    chain.Select((e, i) => i == 0 ? 0 : chain[i - 1].Sequence),
                    chain.Select(e => e.PreviousSequence ?? 0));
                var logged = await writers[0].Log.ReadCustomerAsync(customer, 0, 10_000, default);
                Assert.Equal(chain.Select(e => e.Sequence), logged.Select(e => e.Sequence));
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.Log.DisposeAsync();
                await writer.DataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AppendAsync_CommitsNoVisitorEventAfterItsLink_WhenTheVisitorAndItsIdentifyRaceOnTwoWriters()
    {
        var browsing = Open();
        var identifying = Open();
        try
        {
            for (var round = 0; round < 5; round++)
            {
                var visitor = $"visitor-{Guid.NewGuid():N}";
                var user = $"user-{Guid.NewGuid():N}";
                using var stop = new CancellationTokenSource();
                var pages = Task.Run(async () =>
                {
                    for (var i = 0; i < 40; i++)
                    {
                        await browsing.Log.AppendAsync([Event(CallType.Page, null, visitor, $"p{i}")], default);
                    }
                });
                await Task.Delay(TimeSpan.FromMilliseconds(5 * round));
                await identifying.Log.AppendAsync([Event(CallType.Identify, user, visitor, "identify")], default);
                await pages.WaitAsync(Bound);

                // The identify is the link: the visitor's own events before it stay the visitor's (and are its user's
                // anonymous history), every one after it is the user's. None is the visitor's after the link.
                await Eventually.WaitAsync(
                    () => Task.FromResult(identifying.Sink.Events.Any(e => e.Event.AnonymousId == visitor)
                                          && browsing.Sink.Events.Count(e => e.Event.AnonymousId == visitor) == 40),
                    Bound,
                    () => "the writers handed on the identify and the 40 page views");
                var identify = Assert.Single(identifying.Sink.Events, e => e.Event.AnonymousId == visitor);
                var visitorEvents = browsing.Sink.Events.Where(e => e.Event.AnonymousId == visitor).ToList();
                Assert.Equal(40, visitorEvents.Count);
                Assert.All(visitorEvents, e => Assert.Equal(
                    e.Sequence < identify.Sequence ? IncomingEvent.AnonymousKeyPrefix + visitor : user,
                    e.CustomerKey));
                var history = await identifying.Log.ReadAnonymousHistoryAsync(visitor, user, default);
                Assert.Equal(visitorEvents.Count(e => e.Sequence < identify.Sequence), history.Count);
            }
        }
        finally
        {
            foreach (var writer in new[] { browsing, identifying })
            {
                await writer.Log.DisposeAsync();
                await writer.DataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task AppendAsync_TakesNoLockAnotherWriterHolds_WhenTheirCustomersAreInOtherPartitions()
    {
        var first = Open();
        var second = Open();
        try
        {
            var run = Guid.NewGuid().ToString("N");
            var inZero = Enumerable.Range(0, 10_000).Select(i => $"p-{run}-{i}").Where(k => LogPartitions.Of(k) == 0).Take(20).ToList();
            var inOne = Enumerable.Range(0, 10_000).Select(i => $"p-{run}-{i}").Where(k => LogPartitions.Of(k) == 1).Take(20).ToList();

            // A transaction holds partition 0's head row: the writer of partition 1 commits all the same, the writer of
            // partition 0 waits until it ends.
            await using var blocker = await first.DataSource.OpenConnectionAsync();
            await using var holding = await blocker.BeginTransactionAsync();
            await using (var lockZero = new NpgsqlCommand("SELECT 1 FROM event_log_partitions WHERE partition = 0 FOR UPDATE", blocker, holding))
            {
                await lockZero.ExecuteScalarAsync();
            }

            var waiting = first.Log.AppendAsync([.. inZero.Select(c => Track(c, "z"))], default);
            var result = await second.Log.AppendAsync([.. inOne.Select(c => Track(c, "o"))], default).WaitAsync(Bound);
            Assert.Equal(new AppendResult(20, 0), result);
            Assert.False(waiting.IsCompleted);

            await holding.CommitAsync();
            Assert.Equal(new AppendResult(20, 0), await waiting.WaitAsync(Bound));
        }
        finally
        {
            foreach (var writer in new[] { first, second })
            {
                await writer.Log.DisposeAsync();
                await writer.DataSource.DisposeAsync();
            }
        }
    }

    private (PostgresEventLog Log, RecordingSink Sink, NpgsqlDataSource DataSource) Open()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var sink = new RecordingSink();
        return (new PostgresEventLog(dataSource, sink, NullLogger<PostgresEventLog>.Instance), sink, dataSource);
    }

    private static IncomingEvent Track(string userId, string messageId) =>
        Event(CallType.Track, userId, null, messageId);

    private static IncomingEvent Event(CallType call, string? userId, string? anonymousId, string messageId) =>
        new("test-source", $"{messageId}-{userId ?? anonymousId}", Now, null,
            new CustomerEvent(call, call == CallType.Track ? "Product Viewed" : null, Now, Now, userId, anonymousId, CommerceDetails.None));
}
