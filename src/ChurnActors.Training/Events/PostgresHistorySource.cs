using System.Globalization;
using System.Runtime.CompilerServices;
using ChurnActors.Domain.Events;
using Npgsql;

namespace ChurnActors.Training.Events;

/// <summary>
/// Reads the event log from PostgreSQL for training: one binary COPY of the <c>events</c> table in storage order (a
/// sequential scan, no index walk and no sort), held compactly in memory (<see cref="LogEventTable"/>, about 32 bytes
/// an event) and then handed out customer by customer. Anonymous history that identify linked to a user is handed out
/// with that user, before the user's own events, as the grain merges it. Properties are parsed only for the events
/// whose properties the features use (<see cref="ReplayCommerce"/>), and only those are sent by the server. Where the
/// log ends comes from the log head, not from a scan.
/// </summary>
public sealed class PostgresHistorySource : ICustomerHistorySource
{
    private readonly string? _connectionString;
    private readonly NpgsqlDataSource? _dataSource;

    public PostgresHistorySource(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Reading a whole log takes minutes: no command timeout (the COPY's reads follow it too).
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        _connectionString = builder.ConnectionString;
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <param name="dataSource">
    /// The pool to read through. Reading a whole log takes minutes: its connection string should set no command
    /// timeout (Command Timeout=0), which the COPY's reads follow too.
    /// </param>
    public PostgresHistorySource(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    public string Description { get; }

    public async Task<DateTimeOffset?> ReadLatestEventAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // Each log partition keeps the latest timestamp committed into it (migration 0021): 64 rows, not a scan of the log.
        await using var command = new NpgsqlCommand("SELECT max(latest_occurred_at) FROM event_log_partitions", connection);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DateTime utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;
    }

    public async IAsyncEnumerable<CustomerHistory> ReadAsync(
        DateTimeOffset before, TrainingProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var links = await ReadLinksAsync(cancellationToken).ConfigureAwait(false);

        // The scan reads synchronously (per-column awaits cost more than the decoding): on a thread of its own.
        var table = await Task.Run(() => Scan(before, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
        foreach (var customer in table.Histories(links))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return customer;
        }
    }

    /// <summary>Every event before <paramref name="before"/>, in one sequential scan of the log.</summary>
    private LogEventTable Scan(DateTimeOffset before, TrainingProgress progress, CancellationToken cancellationToken)
    {
        using var connection = _dataSource?.OpenConnection() ?? Open(_connectionString!);

        // COPY takes no parameters: the bound is a timestamp this code formats, never text from outside.
        var bound = before.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var parsed = string.Join(", ", ReplayCommerce.ParsedEvents.Select(name => $"'{name}'"));
        var sql =
            $"""
            COPY (SELECT customer_hash, customer_key, seq, call_type, event_name, occurred_at,
                         CASE WHEN call_type = {(short)CallType.Track} AND event_name IN ({parsed}) THEN properties END
                  FROM events WHERE occurred_at < '{bound}+00') TO STDOUT (FORMAT BINARY)
            """;

        var table = new LogEventTable();
        using var reader = connection.BeginBinaryExport(sql);
        var read = 0;
        while (reader.StartRow() >= 0)
        {
            var hash = reader.Read<long>();
            var key = reader.Read<string>();
            var sequence = reader.Read<long>();
            var call = (CallType)reader.Read<short>();
            var name = table.NameOf(reader.IsNull ? SkipNull(reader) : reader.Read<string>());
            var at = reader.Read<DateTimeOffset>();
            var commerce = reader.IsNull ? SkipNull(reader) : reader.Read<string>();
            table.Add(table.CustomerOf(hash, key), sequence, call, name, at, commerce is null ? null : ReplayCommerce.Parse(commerce));
            if (++read == 100_000)
            {
                progress.AddEvents(read);
                read = 0;
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        progress.AddEvents(read);
        return table;
    }

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static string? SkipNull(NpgsqlBinaryExporter reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The links identify made: the anonymous customer key (<c>anon:</c>id) to the user it belongs to.</summary>
    private async Task<Dictionary<string, string>> ReadLinksAsync(CancellationToken cancellationToken)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"SELECT '{IncomingEvent.AnonymousKeyPrefix}' || anonymous_id, user_id FROM identities", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            links[reader.GetString(0)] = reader.GetString(1);
        }

        return links;
    }
}
