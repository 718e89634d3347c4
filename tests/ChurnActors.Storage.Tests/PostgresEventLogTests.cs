using System.Collections.Concurrent;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>The PostgreSQL event log: numbering, previous-sequence links, dedupe and identity resolution.</summary>
public sealed class PostgresEventLogTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAsync_LinksEachEventToItsCustomersPreviousOne_AcrossCommits()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var ann = Unique("ann");
            var bob = Unique("bob");

            await log.AppendAsync([Track(ann, "m1"), Track(bob, "m2"), Track(ann, "m3")], default);
            await log.AppendAsync([Track(bob, "m4")], default);

            var committed = await sink.WaitForAsync(4);
            Assert.Equal(4, committed.Count);
            Assert.True(committed.Zip(committed.Skip(1)).All(p => p.Second.Sequence > p.First.Sequence));
            Assert.Equal([ann, bob, ann, bob], committed.Select(e => e.CustomerKey));
            Assert.Equal(0, committed[0].PreviousSequence);
            Assert.Equal(0, committed[1].PreviousSequence);
            Assert.Equal(committed[0].Sequence, committed[2].PreviousSequence);
            Assert.Equal(committed[1].Sequence, committed[3].PreviousSequence);
        }
    }

    [Fact]
    public async Task AppendAsync_WritesOnlyNewEvents_WhenABatchRepeatsOneAlreadyLogged()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var customer = Unique("retry");
            await log.AppendAsync([Track(customer, "first")], default);

            var result = await log.AppendAsync([Track(customer, "first"), Track(customer, "second"), Track(customer, "second")], default);

            Assert.Equal(new AppendResult(1, 2), result);
            var events = await log.ReadCustomerAsync(customer, 0, 100, default);
            Assert.Equal(2, events.Count);
            var second = (await sink.WaitForAsync(2))[^1];
            Assert.Equal(events[1].Sequence, second.Sequence);
            Assert.Equal(events[0].Sequence, second.PreviousSequence);
        }
    }

    [Fact]
    public async Task AppendAsync_CountsAnonymousBrowsingForTheUser_WhenIdentifyComesInTheSameCommit()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var anonymousId = Unique("device");
            var userId = Unique("cara");
            var browsing = Event(CallType.Page, null, null, anonymousId, "p1");
            var identify = Event(CallType.Identify, null, userId, anonymousId, "p2");
            var later = Event(CallType.Track, "Product Viewed", null, anonymousId, "p3");

            await log.AppendAsync([browsing, identify], default);
            await log.AppendAsync([later], default);

            Assert.Equal([userId, userId, userId], (await sink.WaitForAsync(3)).Select(e => e.CustomerKey));
            Assert.Equal(3, (await log.ReadCustomerAsync(userId, 0, 100, default)).Count);
        }
    }

    [Fact]
    public async Task AppendAsync_TellsTheGrainThereIsNoAnonymousHistory_WhenAFreshVisitorIdentifies()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var fresh = Unique("fresh-device");
            var browsed = Unique("browsed-device");
            var dan = Unique("dan");
            var eve = Unique("eve");

            await log.AppendAsync([Event(CallType.Page, null, null, browsed, "b1")], default);
            await log.AppendAsync(
                [Event(CallType.Identify, null, dan, fresh, "d1"), Event(CallType.Identify, null, eve, browsed, "e1")], default);
            await log.AppendAsync([Event(CallType.Identify, null, dan, fresh, "d2")], default);

            var committed = await sink.WaitForAsync(4);
            var danFirst = committed.Single(e => e.CustomerKey == dan && e.Sequence == committed.Where(c => c.CustomerKey == dan).Min(c => c.Sequence));
            var danAgain = committed.Single(e => e.CustomerKey == dan && e != danFirst);
            var eveLink = committed.Single(e => e.CustomerKey == eve);

            // Only the commit that made the link knows the visitor had nothing: the user who browsed first still has
            // history to read, and a repeated link is the grain's own business (it remembers what it merged).
            Assert.True(danFirst.AnonymousHistoryEmpty);
            Assert.False(eveLink.AnonymousHistoryEmpty);
            Assert.False(danAgain.AnonymousHistoryEmpty);
            Assert.Single(await log.ReadAnonymousHistoryAsync(browsed, eve, default));
            Assert.Empty(await log.ReadAnonymousHistoryAsync(fresh, dan, default));
        }
    }

    [Fact]
    public async Task AppendAsync_LinksToTheOtherWritersEvent_WhenTwoWritersInterleaveOnACustomer()
    {
        var (first, firstSink, firstSource) = Open();
        var (second, secondSink, secondSource) = Open();
        await using (firstSource)
        await using (secondSource)
        await using (first)
        await using (second)
        {
            var customer = Unique("shared");

            await first.AppendAsync([Track(customer, "w1")], default);
            await second.AppendAsync([Track(customer, "w2")], default);
            await first.AppendAsync([Track(customer, "w3")], default);

            var fromSecond = Assert.Single(await secondSink.WaitForAsync(1));
            var fromFirst = await firstSink.WaitForAsync(2);
            var last = fromFirst[^1];
            Assert.Equal(fromFirst[0].Sequence, fromSecond.PreviousSequence);
            Assert.Equal(fromSecond.Sequence, last.PreviousSequence);
            Assert.True(last.Sequence > fromSecond.Sequence);
        }
    }

    [Fact]
    public async Task ReadCustomerAsync_ReturnsTheCustomersEventsInLogOrder_AfterTheGivenSequence()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var customer = Unique("reader");
            await log.AppendAsync([Track(customer, "r1"), Track(Unique("other"), "r2"), Track(customer, "r3"), Track(customer, "r4")], default);
            var mine = (await sink.WaitForAsync(4)).Where(e => e.CustomerKey == customer).Select(e => e.Sequence).ToList();

            var after = await log.ReadCustomerAsync(customer, mine[0], 100, default);

            Assert.Equal(mine.Skip(1), after.Select(e => e.Sequence));
            Assert.All(after, e => Assert.Equal("Order Completed", e.Event.Name));
            Assert.All(after, e => Assert.Equal(12.5m, e.Event.Commerce.Amount));
        }
    }

    [Fact]
    public async Task AppendAsync_KeepsTheLatestTimestampInTheLogPartitions_WhenAnOlderEventComesLater()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var customer = Unique("latest");
            var later = Now.AddDays(400);
            await log.AppendAsync([Track(customer, "l1") with { Event = Track(customer, "l1").Event with { Timestamp = later } }], default);
            await log.AppendAsync([Track(customer, "l2")], default);
            await sink.WaitForAsync(2);

            await using var command = dataSource.CreateCommand("SELECT max(latest_occurred_at) FROM event_log_partitions");
            var latest = (DateTime)(await command.ExecuteScalarAsync())!;

            Assert.Equal(later.UtcDateTime, latest);
        }
    }

    [Fact]
    public async Task ReadCustomerAsync_ReturnsTheContactSignals_TheEventsWereWrittenWith()
    {
        var (log, sink, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var customer = Unique("signals");
            var anonymousId = Unique("visitor");
            var unsubscribe = Event(CallType.Identify, null, customer, null, "s1");
            unsubscribe = unsubscribe with { Event = unsubscribe.Event with { TimeZone = "Europe/Berlin", Country = "DE", Unsubscribed = true } };
            var resubscribe = Event(CallType.Identify, null, customer, null, "s2");
            resubscribe = resubscribe with { Event = resubscribe.Event with { Unsubscribed = false } };
            var plain = Track(customer, "s3");
            var browsing = Event(CallType.Page, null, null, anonymousId, "s4");
            browsing = browsing with { Event = browsing.Event with { TimeZone = "Asia/Tokyo" } };

            await log.AppendAsync([unsubscribe, resubscribe, plain, browsing], default);
            var committed = await sink.WaitForAsync(4);

            var read = await log.ReadCustomerAsync(customer, 0, 100, default);
            Assert.Equal([unsubscribe.Event, resubscribe.Event], read.Take(2).Select(e => e.Event));
            Assert.Equal(
                committed.Where(e => e.CustomerKey == customer).Select(e => Signals(e.Event)),
                read.Select(e => Signals(e.Event)));
            Assert.Equal(("Europe/Berlin", "DE", (bool?)true), Signals(read[0].Event));
            Assert.Equal((null, null, (bool?)false), Signals(read[1].Event));
            Assert.Equal((null, null, (bool?)null), Signals(read[2].Event));

            var visitor = Event(CallType.Identify, null, customer, anonymousId, "s5");
            await log.AppendAsync([visitor], default);
            var history = await log.ReadAnonymousHistoryAsync(anonymousId, customer, default);
            Assert.Equal("Asia/Tokyo", Assert.Single(history).TimeZone);
        }
    }

    [Fact]
    public async Task WriteCheckpointAsync_RecordsALowerWatermark_WhenTheNodeReportsOne()
    {
        // With several writers a grain of the node can take another silo's event numbered below the recorded watermark:
        // the node's checkpoint must follow it down, or recovery after the node dies would skip that customer.
        var (log, _, dataSource) = Open();
        await using (dataSource)
        await using (log)
        {
            var node = Unique("node");
            await log.WriteCheckpointAsync(node, 5_000, default);
            await log.WriteCheckpointAsync(node, 4_200, default);

            Assert.Equal(4_200, await log.ReadCheckpointAsync(node, default));
        }
    }

    private (PostgresEventLog Log, RecordingSink Sink, NpgsqlDataSource DataSource) Open()
    {
        var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var sink = new RecordingSink();
        return (new PostgresEventLog(dataSource, sink, NullLogger<PostgresEventLog>.Instance), sink, dataSource);
    }

    private static (string? TimeZone, string? Country, bool? Unsubscribed) Signals(CustomerEvent e) => (e.TimeZone, e.Country, e.Unsubscribed);

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    private static IncomingEvent Track(string userId, string messageId) =>
        Event(CallType.Track, "Order Completed", userId, null, messageId, """{"order_id":"o1","revenue":12.5}""");

    private static IncomingEvent Event(CallType call, string? name, string? userId, string? anonymousId, string messageId, string? properties = null) =>
        new(
            "test-source",
            $"{messageId}-{userId ?? anonymousId}",
            Now,
            properties is null ? null : System.Text.Encoding.UTF8.GetBytes(properties),
            new CustomerEvent(call, name, Now, Now, userId, anonymousId,
                properties is null ? CommerceDetails.None : CommerceParser.Parse(properties)));
}
