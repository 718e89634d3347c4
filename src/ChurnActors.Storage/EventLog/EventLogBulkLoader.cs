using ChurnActors.Domain.Events;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// Fills an empty event log in one transaction, as fast as PostgreSQL takes rows: for building a large history (a
/// benchmark or a first import) where live ingest's per-commit work is wasted. The rows are those
/// <see cref="PostgresEventLog"/> would write for the same events given in the same batches: sequence numbers from
/// the log head, dedupe by source and messageId (the first occurrence wins), identity links (the first link of an
/// anonymousId wins, and a batch's links count for that batch's anonymous events, as in one commit of the live
/// writer), customer keys resolved through them, and the head's next sequence and latest timestamp.
/// </summary>
/// <remarks>
/// The log's tables stay locked for the whole load, so nothing else writes meanwhile. The secondary indexes of
/// <c>events</c> are dropped at the start and built again at the end, inside the transaction (building an index once
/// costs a fraction of maintaining it row by row): a load that fails or is cancelled rolls back to the empty log with
/// its indexes. One loader, one caller: batches are added one after another.
/// </remarks>
public sealed class EventLogBulkLoader : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IReadOnlyList<string> _indexDefinitions;
    private readonly HashSet<Guid> _seen = [];
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);
    private readonly List<(string AnonymousId, string UserId)> _newLinks = [];
    private NpgsqlBinaryImporter? _importer;
    private long _nextSequence;
    private DateTimeOffset? _latest;
    private long _written;
    private long _duplicates;
    private bool _completed;

    private EventLogBulkLoader(NpgsqlConnection connection, NpgsqlTransaction transaction, long nextSequence, IReadOnlyList<string> indexDefinitions)
    {
        _connection = connection;
        _transaction = transaction;
        _nextSequence = nextSequence;
        _indexDefinitions = indexDefinitions;
    }

    /// <summary>Events written so far (read from any thread).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Events dropped as repeats of a (source, messageId) already written.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>
    /// Starts a load: locks the log, checks that it is empty, drops the secondary indexes of <c>events</c> (rebuilt by
    /// <see cref="CompleteAsync"/>) and opens the COPY.
    /// </summary>
    /// <exception cref="InvalidOperationException">The log already holds events or identity links.</exception>
    public static async Task<EventLogBulkLoader> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        NpgsqlTransaction? transaction = null;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "LOCK TABLE event_log_partitions, events, identities IN ACCESS EXCLUSIVE MODE", cancellationToken)
                .ConfigureAwait(false);

            await using (var check = new NpgsqlCommand(
                "SELECT EXISTS (SELECT 1 FROM events), EXISTS (SELECT 1 FROM identities), nextval('event_seq')",
                connection,
                transaction))
            await using (var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (reader.GetBoolean(0) || reader.GetBoolean(1))
                {
                    throw new InvalidOperationException(
                        "The event log already holds events or identity links; a bulk load fills an empty log only (a fresh database after 'db migrate').");
                }

                var nextSequence = reader.GetInt64(2);
                await reader.CloseAsync().ConfigureAwait(false);
                var indexes = await DropSecondaryIndexesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var loader = new EventLogBulkLoader(connection, transaction, nextSequence, indexes);
                loader._importer = await connection.BeginBinaryImportAsync(EventRows.Copy, cancellationToken).ConfigureAwait(false);
                return loader;
            }
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes one batch of validated events, in order; the batch plays the part of one live commit.</summary>
    public void Add(IReadOnlyList<IncomingEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var importer = _importer ?? throw new InvalidOperationException("The load is complete.");

        // Links first, as the live writer inserts a commit's links before it resolves the commit's customers.
        foreach (var incoming in events)
        {
            if (incoming.Event is { UserId: { } userId, AnonymousId: { } anonymousId } && _links.TryAdd(anonymousId, userId))
            {
                _newLinks.Add((anonymousId, userId));
            }
        }

        var written = 0;
        foreach (var incoming in events)
        {
            var key = DedupeKey.Of(incoming.Source, incoming.MessageId);
            if (!_seen.Add(key))
            {
                Interlocked.Increment(ref _duplicates);
                continue;
            }

            var e = incoming.Event;
            var customerKey = e.UserId
                ?? (_links.TryGetValue(e.AnonymousId!, out var linked) ? linked : IncomingEvent.AnonymousKeyPrefix + e.AnonymousId);
            if (_latest is not { } latest || e.Timestamp > latest)
            {
                _latest = e.Timestamp;
            }

            EventRows.Write(importer, _nextSequence++, incoming, key, customerKey);
            written++;
        }

        Interlocked.Add(ref _written, written);
    }

    /// <summary>
    /// Ends the COPY, writes the identity links and the log head, builds the dropped indexes again (reported through
    /// <paramref name="phase"/>) and commits.
    /// </summary>
    public async Task CompleteAsync(Action<string>? phase, CancellationToken cancellationToken)
    {
        var importer = _importer ?? throw new InvalidOperationException("The load is complete.");
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await importer.DisposeAsync().ConfigureAwait(false);
        _importer = null;

        phase?.Invoke("writing identity links");
        await using (var links = await _connection.BeginBinaryImportAsync(
                         "COPY identities (anonymous_id, user_id) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var (anonymousId, userId) in _newLinks)
            {
                await links.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await links.WriteAsync(anonymousId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await links.WriteAsync(userId, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            }

            await links.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // The sequence moves past the loaded numbers (live writers lock the partitions before they draw from it, and the
        // load holds them all), and every partition learns the log's latest occurred_at.
        await using (var head = new NpgsqlBatch(_connection, _transaction))
        {
            var sequence = new NpgsqlBatchCommand("SELECT setval('event_seq', $1)");
            sequence.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _nextSequence });
            var latest = new NpgsqlBatchCommand("UPDATE event_log_partitions SET latest_occurred_at = GREATEST(latest_occurred_at, $1)");
            latest.Parameters.Add(new NpgsqlParameter { Value = _latest is { } value ? value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            head.BatchCommands.Add(sequence);
            head.BatchCommands.Add(latest);
            await head.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Sorting for an index build uses maintenance_work_mem; the server default (64 MB) spills a large log to disk.
        await ExecuteAsync(_connection, _transaction, "SET LOCAL maintenance_work_mem = '512MB'", cancellationToken).ConfigureAwait(false);
        foreach (var definition in _indexDefinitions)
        {
            phase?.Invoke($"building {definition}");
            await ExecuteAsync(_connection, _transaction, definition, cancellationToken).ConfigureAwait(false);
        }

        phase?.Invoke("committing");
        await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        phase?.Invoke("analyzing");
        await ExecuteAsync(_connection, null, "ANALYZE events, identities, event_log_partitions", cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_importer is not null)
        {
            // Abandoned mid-load: cancel the COPY; the rollback below restores the empty log and its indexes.
            await _importer.DisposeAsync().ConfigureAwait(false);
            _importer = null;
        }

        if (!_completed)
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the indexes of <c>events</c> that back no constraint; returns the statements that build them again.</summary>
    private static async Task<IReadOnlyList<string>> DropSecondaryIndexesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand(
                         """
                         SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
                           FROM pg_index i
                           JOIN pg_class c ON c.oid = i.indexrelid
                           JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE i.indrelid = 'events'::regclass
                            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                          ORDER BY c.relname
                         """,
                         connection,
                         transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, transaction, $"DROP INDEX {name}", cancellationToken).ConfigureAwait(false);
        }

        return [.. indexes.Select(i => i.Definition)];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
