using System.Collections.Concurrent;
using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>
/// A request whose data PostgreSQL refuses, committed in one group with well-formed requests: it alone is rejected,
/// the others are committed, numbered without gaps and handed on in order. The values are built below the parser,
/// which refuses them at the door.
/// </summary>
public sealed class PostgresEventLogRefusedDataTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AppendAsync_RejectsOnlyTheRequestsTheDatabaseRefuses_WhenTheyShareACommitWithGoodOnes()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var sink = new HeldSink();
        await using var log = new PostgresEventLog(dataSource, sink, NullLogger<PostgresEventLog>.Instance);
        var run = Guid.NewGuid().ToString("N");

        // The writer hands the first commit to the sink and is held there while the rest queue up: they are then
        // taken as one group.
        var opening = log.AppendAsync([Track($"opening-{run}", "o1", """{"revenue":1}"""u8.ToArray())], default);
        await sink.Held.Task.WaitAsync(Bound);

        var good = new List<(string Customer, Task<AppendResult> Append)>();
        var refused = new List<Task<AppendResult>>();
        IncomingEvent[] poison =
        [
            Track($"nul-name-{run}", "p1", "{\"pl\0an\":1}"u8.ToArray()),
            Track($"nul-user\0-{run}", "p2", null),
            Track($"bytes-{run}", "p3", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
            Track($"surrogate-{run}", "p4", null, name: "Signed \ud800 Up"),
            Track($"long-anon-{run}", "p5", null, anonymousId: RandomText(4000)),
        ];
        for (var i = 0; i <= poison.Length; i++)
        {
            var customer = $"good{i}-{run}";
            good.Add((customer, log.AppendAsync(
                [Track(customer, "g1", """{"revenue":2}"""u8.ToArray()), Track(customer, "g2", null)], default)));
            if (i < poison.Length)
            {
                refused.Add(log.AppendAsync([poison[i]], default));
            }
        }

        sink.Release();
        await opening.WaitAsync(Bound);

        foreach (var append in refused)
        {
            var rejected = await Assert.ThrowsAsync<EventLogRejectedException>(() => append.WaitAsync(Bound));
            Assert.Contains("refused this request's data", rejected.Message, StringComparison.Ordinal);
        }

        foreach (var (customer, append) in good)
        {
            Assert.Equal(new AppendResult(2, 0), await append.WaitAsync(Bound));
            Assert.Equal(2, (await log.ReadCustomerAsync(customer, 0, 10, default)).Count);
        }

        var handedOn = await sink.WaitForAsync(1 + (2 * good.Count));
        var sequences = handedOn.Select(e => e.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());

        // Exactly the good requests' events are in the log, under the numbers handed on.
        await using var count = dataSource.CreateCommand("SELECT array_agg(seq ORDER BY seq) FROM events WHERE seq >= $1");
        count.Parameters.AddWithValue(sequences[0]);
        Assert.Equal(sequences, (long[])(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task AppendAsync_KeepsWriting_AfterRejectingARequestCommittedAlone()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var sink = new HeldSink();
        sink.Release();
        await using var log = new PostgresEventLog(dataSource, sink, NullLogger<PostgresEventLog>.Instance);
        var customer = $"after-{Guid.NewGuid():N}";

        await Assert.ThrowsAsync<EventLogRejectedException>(
            () => log.AppendAsync([Track(customer, "bad", "{\"a\":\"\0\"}"u8.ToArray())], default).WaitAsync(Bound));
        var result = await log.AppendAsync([Track(customer, "bad", """{"a":"fixed"}"""u8.ToArray())], default).WaitAsync(Bound);

        Assert.Equal(new AppendResult(1, 0), result);
        Assert.Single(await log.ReadCustomerAsync(customer, 0, 10, default));
    }

    private static IncomingEvent Track(string userId, string messageId, byte[]? properties, string name = "Signed Up", string? anonymousId = null) =>
        new(
            "test-source",
            $"{messageId}-{userId}",
            Now,
            properties,
            new CustomerEvent(CallType.Track, name, Now, Now, userId, anonymousId ?? $"device-{messageId}-{Guid.NewGuid():N}", CommerceDetails.None));

    /// <summary>Text that does not compress, so PostgreSQL cannot fit it in an index entry.</summary>
    private static string RandomText(int length)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(Guid.NewGuid().ToString("N"));
        }

        return text.ToString(0, length);
    }

    /// <summary>Records what the log hands on; holds the writer inside its first hand-over until released.</summary>
    private sealed class HeldSink : ICommittedEventSink
    {
        private readonly ConcurrentQueue<LoggedEvent> _events = new();
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes once the writer is held inside the sink.</summary>
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<LoggedEvent>> WaitForAsync(int count)
        {
            await Eventually.WaitAsync(
                () => Task.FromResult(_events.Count >= count),
                Bound,
                () => $"the sink received {_events.Count} of {count} committed events");
            return [.. _events];
        }

        public void Committed(IReadOnlyList<LoggedEvent> batch)
        {
            foreach (var e in batch)
            {
                _events.Enqueue(e);
            }

            Held.TrySetResult();
            if (!_released.Task.Wait(Bound))
            {
                throw new TimeoutException("The test did not release the writer.");
            }
        }
    }
}
