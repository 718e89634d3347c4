using ChurnActors.Domain.Events;
using ChurnActors.Storage.EventLog;
using ChurnActors.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Storage.Tests;

/// <summary>The bulk loader writes the same contact signals the live writer does (its own, empty database).</summary>
public sealed class EventLogBulkLoaderSignalsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CompleteAsync_KeepsTheContactSignals_OfLoadedEvents()
    {
        var identify = new CustomerEvent(CallType.Identify, null, Now, Now, "bulk-1", null, CommerceDetails.None)
        {
            TimeZone = "America/Chicago",
            Country = "US",
            Unsubscribed = true,
        };
        var unsubscribed = new CustomerEvent(CallType.Track, ContactEvents.Unsubscribed, Now.AddMinutes(1), Now, "bulk-1", null, CommerceDetails.None);

        await using (var loader = await EventLogBulkLoader.OpenAsync(database.ConnectionString, default))
        {
            loader.Add([new IncomingEvent("bulk", "b1", null, null, identify), new IncomingEvent("bulk", "b2", null, null, unsubscribed)]);
            await loader.CompleteAsync(null, default);
        }

        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await using var log = new PostgresEventLog(dataSource, new NoSink(), NullLogger<PostgresEventLog>.Instance);
        var read = await log.ReadCustomerAsync("bulk-1", 0, 10, default);

        Assert.Equal([identify, unsubscribed], read.Select(e => e.Event));
    }

    private sealed class NoSink : ICommittedEventSink
    {
        public void Committed(IReadOnlyList<LoggedEvent> batch)
        {
        }
    }
}
