using System.Text;
using ChurnActors.Domain.Events;
using ChurnActors.Ingest;
using ChurnActors.Storage.EventLog;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChurnActors.Cli.Tests;

/// <summary>Appends a file of Segment JSON lines to a PostgreSQL event log through <see cref="PostgresEventLog"/>, as ingest would.</summary>
internal static class EventLogLoader
{
    private const int EventsPerAppend = 5_000;

    public static async Task<long> LoadAsync(string connectionString, string path)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var log = new PostgresEventLog(dataSource, new NoSink(), NullLogger<PostgresEventLog>.Instance);
        long accepted = 0;
        foreach (var chunk in File.ReadLines(path).Chunk(EventsPerAppend))
        {
            var body = Encoding.UTF8.GetBytes("{\"batch\":[" + string.Join(",", chunk) + "]}");
            var parsed = SegmentParser.Parse(body, endpointCall: null, DateTimeOffset.UtcNow, "simulated");
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Problems));
            var result = await log.AppendAsync(parsed.Events, CancellationToken.None);
            accepted += result.Accepted;
        }

        return accepted;
    }

    private sealed class NoSink : ICommittedEventSink
    {
        public void Committed(IReadOnlyList<LoggedEvent> batch)
        {
        }
    }
}
