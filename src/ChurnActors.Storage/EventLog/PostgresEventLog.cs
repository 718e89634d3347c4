using System.Threading.Channels;
using ChurnActors.Domain.Events;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log on PostgreSQL. Appends from all callers go through one writer that commits whatever has queued
/// up since its last commit in a single transaction (binary COPY into a temporary table, identity links, then one
/// INSERT ... ON CONFLICT DO NOTHING for the dedupe). Commits happen one after another, so sequence numbers grow
/// with commit order and <see cref="ICommittedEventSink"/> sees batches in that order.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    /// <summary>Most rows one commit takes; more waits for the next.</summary>
    public const int MaxRowsPerCommit = 16_384;

    private const string CreateStaging =
        """
        CREATE TEMP TABLE IF NOT EXISTS incoming (
            ord          integer     NOT NULL,
            source       text        NOT NULL,
            message_id   text        NOT NULL,
            dedupe_key   uuid        NOT NULL,
            user_id      text        NULL,
            anonymous_id text        NULL,
            call_type    smallint    NOT NULL,
            event_name   text        NULL,
            occurred_at  timestamptz NOT NULL,
            sent_at      timestamptz NULL,
            received_at  timestamptz NOT NULL,
            properties   text        NULL
        ) ON COMMIT DELETE ROWS
        """;

    private const string LinkIdentities =
        """
        INSERT INTO identities (anonymous_id, user_id)
        SELECT DISTINCT ON (anonymous_id) anonymous_id, user_id
        FROM incoming
        WHERE user_id IS NOT NULL AND anonymous_id IS NOT NULL
        ORDER BY anonymous_id, ord
        ON CONFLICT (anonymous_id) DO NOTHING
        """;

    // Returns, with each new event, the sequence of its customer's previous event: within the batch by lag(),
    // otherwise the newest committed one (the CTE's own rows are not visible to the subquery). Every row visible to
    // this statement was numbered before it started, so below the event's own sequence: the bound lets the index
    // scan start there instead of stepping over this batch's invisible rows. The customer key is returned only when
    // it is not simply the userId, which the writer already holds.
    private const string InsertEventsTemplate =
        """
        WITH inserted AS (
        INSERT INTO events (source, message_id, dedupe_key, customer_key, user_id, anonymous_id, call_type, event_name,
                            occurred_at, sent_at, received_at, properties)
        SELECT i.source, i.message_id, i.dedupe_key, COALESCE(i.user_id, l.user_id, 'anon:' || i.anonymous_id), i.user_id,
               i.anonymous_id, i.call_type, i.event_name, i.occurred_at, i.sent_at, i.received_at, i.properties::json
        FROM incoming i
        LEFT JOIN identities l ON i.user_id IS NULL AND l.anonymous_id = i.anonymous_id
        ORDER BY i.ord
        {0}
        RETURNING seq, dedupe_key, customer_key, user_id)
        SELECT n.seq, n.dedupe_key, CASE WHEN n.user_id IS NULL THEN n.customer_key END,
               COALESCE(lag(n.seq) OVER (PARTITION BY n.customer_key ORDER BY n.seq),
                        (SELECT max(e.seq) FROM events e WHERE e.customer_key = n.customer_key AND e.seq < n.seq),
                        0)
        FROM inserted n
        ORDER BY n.seq
        """;

    // Usually no event is already in the log: a plain INSERT then checks the dedupe index once per row, where
    // ON CONFLICT probes it before inserting as well. Should a duplicate be there after all, the plain INSERT fails
    // as a whole and is rolled back to a savepoint, and the statement runs again with ON CONFLICT.
    private const string Savepoint = "fresh_events";

    private static readonly string InsertNewEvents = string.Format(
        System.Globalization.CultureInfo.InvariantCulture, InsertEventsTemplate, "");

    private static readonly string InsertEventsSkippingDuplicates = string.Format(
        System.Globalization.CultureInfo.InvariantCulture, InsertEventsTemplate, "ON CONFLICT (dedupe_key) DO NOTHING");

    private const string SelectColumns =
        "seq, customer_key, call_type, event_name, occurred_at, received_at, user_id, anonymous_id, properties::text";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ICommittedEventSink _sink;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;
    private NpgsqlConnection? _connection;
    private PendingAppend? _carried;

    public PostgresEventLog(NpgsqlDataSource dataSource, ICommittedEventSink sink, ILogger<PostgresEventLog> logger)
    {
        _dataSource = dataSource;
        _sink = sink;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult(new AppendResult(0, 0));
        }

        var pending = new PendingAppend(events);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new EventLogUnavailableException("The event log is shutting down.");
        }

        // The commit is not abandoned when the caller goes away: once queued, the events are written.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<LoggedEvent>> ReadCustomerAsync(
        string customerKey, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT {SelectColumns} FROM events WHERE customer_key = $1 AND seq > $2 ORDER BY seq LIMIT $3");
        command.Parameters.AddWithValue(customerKey);
        command.Parameters.AddWithValue(afterSequence);
        command.Parameters.AddWithValue(limit);
        return await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<CustomerEvent>> ReadAnonymousHistoryAsync(
        string anonymousId, string userId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT {SelectColumns} FROM events
            WHERE customer_key = $1
              AND EXISTS (SELECT 1 FROM identities WHERE anonymous_id = $2 AND user_id = $3)
            ORDER BY seq
            """);
        command.Parameters.AddWithValue(IncomingEvent.AnonymousKeyPrefix + anonymousId);
        command.Parameters.AddWithValue(anonymousId);
        command.Parameters.AddWithValue(userId);
        var logged = await ReadEventsAsync(command, cancellationToken).ConfigureAwait(false);
        return [.. logged.Select(e => e.Event)];
    }

    public async Task<long> ReadLastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT COALESCE(max(seq), 0) FROM events");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string>> CustomersWithEventsAfterAsync(long afterSequence, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT DISTINCT customer_key FROM events WHERE seq > $1");
        command.Parameters.AddWithValue(afterSequence);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<long> ReadCheckpointAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT applied_through FROM ingest_checkpoints WHERE node = $1");
        command.Parameters.AddWithValue(node);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long sequence ? sequence : 0;
    }

    public async Task WriteCheckpointAsync(string node, long appliedThrough, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            """
            INSERT INTO ingest_checkpoints (node, applied_through, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (node) DO UPDATE SET applied_through = GREATEST(ingest_checkpoints.applied_through, EXCLUDED.applied_through),
                                             updated_at = now()
            """);
        command.Parameters.AddWithValue(node);
        command.Parameters.AddWithValue(appliedThrough);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            _stopping.Dispose();
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<IReadOnlyList<LoggedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<LoggedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var call = (CallType)reader.GetInt16(2);
            var properties = reader.IsDBNull(8) ? null : reader.GetString(8);
            var customerEvent = new CustomerEvent(
                call,
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                call == CallType.Track ? CommerceParser.Parse(properties) : CommerceDetails.None);
            events.Add(new LoggedEvent(reader.GetInt64(0), reader.GetString(1), customerEvent));
        }

        return events;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingAppend>();
        while (await WaitForWorkAsync().ConfigureAwait(false))
        {
            group.Clear();
            var rows = 0;
            if (_carried is not null)
            {
                group.Add(_carried);
                rows += _carried.Events.Count;
                _carried = null;
            }

            while (rows < MaxRowsPerCommit && _queue.Reader.TryRead(out var next))
            {
                if (rows > 0 && rows + next.Events.Count > MaxRowsPerCommit)
                {
                    _carried = next;
                    break;
                }

                group.Add(next);
                rows += next.Events.Count;
            }

            IReadOnlyList<LoggedEvent> committed;
            try
            {
                committed = await CommitAsync(group, rows).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Any failure of the commit fails its requests (503); the writer must live on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                EventLogLog.CommitFailed(_logger, rows, ex);
                await ResetConnectionAsync().ConfigureAwait(false);
                var unavailable = new EventLogUnavailableException("The event log store is unreachable; retry later.", ex);
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(unavailable);
                }

                continue;
            }

            foreach (var pending in group)
            {
                pending.Completion.TrySetResult(new AppendResult(pending.Accepted, pending.Duplicates));
            }

            if (committed.Count > 0)
            {
                try
                {
                    _sink.Committed(committed);
                }
#pragma warning disable CA1031 // The sink's failure must not stop the log: the events are durable and recovery replays them.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    EventLogLog.SinkFailed(_logger, committed[^1].Sequence, ex);
                }
            }
        }
    }

    private async Task<bool> WaitForWorkAsync() =>
        _carried is not null || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false);

    private async Task<IReadOnlyList<LoggedEvent>> CommitAsync(List<PendingAppend> group, int rows)
    {
        // Dedupe within the group first: the first occurrence of (source, messageId) wins. The log's dedupe key
        // stands for the pair, and the committed rows are matched back to their events by it.
        var byKey = new Dictionary<Guid, (PendingAppend Owner, IncomingEvent Event)>(rows);
        var ordered = new List<(Guid Key, IncomingEvent Event)>(rows);
        foreach (var pending in group)
        {
            pending.Accepted = 0;
            pending.Duplicates = 0;
            foreach (var incoming in pending.Events)
            {
                var key = DedupeKey.Of(incoming.Source, incoming.MessageId);
                if (byKey.TryAdd(key, (pending, incoming)))
                {
                    ordered.Add((key, incoming));
                }
                else
                {
                    pending.Duplicates++;
                }
            }
        }

        var connection = await GetConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(_stopping.Token).ConfigureAwait(false);

        // Synchronous writes into the importer's buffer: this loop is the log's only writer and runs on its own task,
        // and per-field async calls cost more than the copy itself.
        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY incoming (ord, source, message_id, dedupe_key, user_id, anonymous_id, call_type, event_name, occurred_at, sent_at, received_at, properties) FROM STDIN (FORMAT BINARY)",
            _stopping.Token).ConfigureAwait(false))
        {
            for (var ord = 0; ord < ordered.Count; ord++)
            {
                var (key, incoming) = ordered[ord];
                var e = incoming.Event;
                importer.StartRow();
                importer.Write(ord, NpgsqlDbType.Integer);
                importer.Write(incoming.Source, NpgsqlDbType.Text);
                importer.Write(incoming.MessageId, NpgsqlDbType.Text);
                importer.Write(key, NpgsqlDbType.Uuid);
                WriteNullable(importer, e.UserId);
                WriteNullable(importer, e.AnonymousId);
                importer.Write((short)e.Call, NpgsqlDbType.Smallint);
                WriteNullable(importer, e.Name);
                importer.Write(e.Timestamp, NpgsqlDbType.TimestampTz);
                if (incoming.SentAt is { } sentAt)
                {
                    importer.Write(sentAt, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    importer.WriteNull();
                }

                importer.Write(e.ReceivedAt, NpgsqlDbType.TimestampTz);
                WriteNullable(importer, incoming.PropertiesJson);
            }

            await importer.CompleteAsync(_stopping.Token).ConfigureAwait(false);
        }

        var committed = new List<LoggedEvent>(ordered.Count);
        try
        {
            await InsertAsync(connection, transaction, byKey, committed, InsertNewEvents, firstAttempt: true).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(Savepoint, _stopping.Token).ConfigureAwait(false);
            committed.Clear();
            foreach (var pending in group)
            {
                pending.Accepted = 0;
            }

            await InsertAsync(connection, transaction, byKey, committed, InsertEventsSkippingDuplicates, firstAttempt: false).ConfigureAwait(false);
        }

        await transaction.CommitAsync(_stopping.Token).ConfigureAwait(false);

        foreach (var pending in group)
        {
            pending.Duplicates = pending.Events.Count - pending.Accepted;
        }

        return committed;

        static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
        {
            if (value is null)
            {
                importer.WriteNull();
            }
            else
            {
                importer.Write(value, NpgsqlDbType.Text);
            }
        }
    }

    private async Task InsertAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Dictionary<Guid, (PendingAppend Owner, IncomingEvent Event)> byKey,
        List<LoggedEvent> committed,
        string insert,
        bool firstAttempt)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (firstAttempt)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(LinkIdentities));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT " + Savepoint));
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(insert));
        await using var reader = await batch.ExecuteReaderAsync(_stopping.Token).ConfigureAwait(false);
        while (await reader.ReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            var entry = byKey[reader.GetGuid(1)];
            entry.Owner.Accepted++;
            var e = entry.Event.Event;
            var customerKey = reader.IsDBNull(2) ? e.UserId! : reader.GetString(2);
            committed.Add(new LoggedEvent(reader.GetInt64(0), customerKey, e, reader.GetInt64(3)));
        }
    }

    private async Task<NpgsqlConnection> GetConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        await ResetConnectionAsync().ConfigureAwait(false);
        var connection = await _dataSource.OpenConnectionAsync(_stopping.Token).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(CreateStaging, connection))
        {
            await create.ExecuteNonQueryAsync(_stopping.Token).ConfigureAwait(false);
        }

        _connection = connection;
        return connection;
    }

    private async Task ResetConnectionAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
