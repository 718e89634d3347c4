using System.Diagnostics;
using System.Threading.Channels;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log on PostgreSQL. Appends from all callers go through one writer that commits whatever has queued
/// up since its last commit in a single transaction: reserve sequence numbers under the log head's lock, link
/// identities and resolve customers in the same round trip, then one binary COPY straight into <c>events</c>. Commits
/// happen one after another and number their events in commit order, so <see cref="ICommittedEventSink"/> sees
/// batches in that order. The writer remembers each customer's newest sequence while no other writer intervenes, so
/// the previous-sequence link of a delivery costs no lookup for customers it has written before.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    /// <summary>Most rows one commit takes; more waits for the next.</summary>
    public const int MaxRowsPerCommit = 16_384;

    // Takes the next `$1` sequence numbers. The row stays locked until this transaction ends, so commits number
    // their events in commit order whichever node writes (migration 0003). Raises the log's latest occurred_at to the
    // commit's latest, `$2` (migration 0008), in the same commit.
    private const string ReserveSequences =
        "UPDATE event_log_head SET next_seq = next_seq + $1, latest_occurred_at = GREATEST(latest_occurred_at, $2) RETURNING next_seq - $1";

    // First link wins: an anonymousId already linked keeps its user. Returns the anonymousIds linked by this statement
    // that have no events of their own, so their users' grains need not read the log for an empty history. Runs under
    // the head lock: no event of theirs can commit in between, and later ones count for the user.
    private const string LinkIdentities =
        """
        WITH linked AS (
            INSERT INTO identities (anonymous_id, user_id)
            SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT (anonymous_id) DO NOTHING
            RETURNING anonymous_id)
        SELECT l.anonymous_id FROM linked l
        WHERE NOT EXISTS (SELECT 1 FROM events e
                          WHERE e.customer_hash = hashtextextended('anon:' || l.anonymous_id, 0)
                            AND e.customer_key = 'anon:' || l.anonymous_id)
        """;

    // For each subject (a userId, or an anonymousId alone): the customer it belongs to (a linked anonymousId belongs to
    // its user) and that customer's newest committed sequence. Runs after the sequence reservation, under its lock,
    // so no other writer can add a newer one before this transaction commits.
    private const string ResolveCustomers =
        """
        SELECT r.customer_key,
               COALESCE((SELECT max(e.seq) FROM events e
                         WHERE e.customer_hash = hashtextextended(r.customer_key, 0) AND e.customer_key = r.customer_key), 0)
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS s(user_id, anonymous_id, ord)
        CROSS JOIN LATERAL (
            SELECT COALESCE(s.user_id,
                            (SELECT i.user_id FROM identities i WHERE i.anonymous_id = s.anonymous_id),
                            'anon:' || s.anonymous_id) AS customer_key) r
        ORDER BY s.ord
        """;

    /// <summary>How much the writer's session writes to table files before it asks the kernel to write them to disk.</summary>
    private const string FlushAfter = "256kB";

    /// <summary>How many times a commit is retried after finding some of its events already in the log.</summary>
    private const int DuplicateRetries = 8;

    /// <summary>Bound of the writer's memory of customers' newest sequences; beyond it the memory starts afresh.</summary>
    private const int MaxRememberedCustomers = 2_000_000;

    private const string SelectColumns =
        "seq, customer_key, call_type, event_name, occurred_at, received_at, user_id, anonymous_id, properties, time_zone, country, unsubscribed";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ICommittedEventSink _sink;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly Dictionary<string, long> _newestSequence = new(StringComparer.Ordinal);

    // Working sets of one commit, kept between commits (the writer is single and commits one at a time), so a
    // commit does not grow new ones from empty: resizing them at every commit costs a few percent of the host's allocation.
    private readonly HashSet<Guid> _seen = [];
    private readonly List<Candidate> _ordered = [];
    private readonly Dictionary<string, long> _newest = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private PendingAppend? _carried;

    // The first sequence the next commit takes if no other writer commits in between; 0 when unknown. While it
    // holds, _newestSequence (what this writer committed) is the truth for the customers it remembers.
    private long _expectedNextSequence;

    public PostgresEventLog(NpgsqlDataSource dataSource, ICommittedEventSink sink, ILogger<PostgresEventLog> logger)
    {
        _dataSource = dataSource;
        _sink = sink;
        _logger = logger;
        // The writer runs on a thread of its own with Npgsql's synchronous calls: its database session is the ingest
        // path's bottleneck, and on the thread pool each step of a commit (reserve, COPY, COMMIT, the next group) waits
        // in the pool's queue behind request and grain work while that session sits idle (sustained 45,863-48,968
        // events/s on the pool, 56,940-58,571 on its own thread).
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                try
                {
                    WriteLoop();
                }
                finally
                {
                    ResetConnection(); // the writer's thread owns its connection and closes it before it reports
                }

                stopped.SetResult();
            }
#pragma warning disable CA1031 // Handed to DisposeAsync, which awaits the writer.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                stopped.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "ChurnActors event log writer",
        };
        thread.Start();
        _writer = stopped.Task;
    }

    public Task<AppendResult> AppendAsync(IReadOnlyList<IncomingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return Task.FromResult(new AppendResult(0, 0));
        }

        // The dedupe keys (a SHA-256 each) are computed here, on the caller's thread, so the single writer, whose
        // database session is the ingest path's bottleneck, does not compute them between its commits.
        var keys = new Guid[events.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = DedupeKey.Of(events[i].Source, events[i].MessageId);
        }

        var pending = new PendingAppend(events, keys) { Caller = EventLogTelemetry.CallerContext() };
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
            $"""
            SELECT {SelectColumns} FROM events
            WHERE customer_hash = hashtextextended($1, 0) AND customer_key = $1 AND seq > $2
            ORDER BY seq LIMIT $3
            """);
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
            WHERE customer_hash = hashtextextended($1, 0) AND customer_key = $1
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

    public async IAsyncEnumerable<OrderRecord> ReadOrdersAsync(
        DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(
            $"""
            SELECT customer_key, occurred_at, properties FROM events
            WHERE call_type = {(short)CallType.Track} AND event_name = '{EcommerceEvents.OrderCompleted}' AND occurred_at < $1
            ORDER BY seq
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = reader.IsDBNull(2) ? null : reader.GetString(2);
            yield return new OrderRecord(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), CommerceParser.Parse(properties).Amount);
        }
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
        await _writer.ConfigureAwait(false);
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
                call == CallType.Track ? CommerceParser.Parse(properties) : CommerceDetails.None)
            {
                TimeZone = reader.IsDBNull(9) ? null : reader.GetString(9),
                Country = reader.IsDBNull(10) ? null : reader.GetString(10),
                Unsubscribed = reader.IsDBNull(11) ? null : reader.GetBoolean(11),
            };
            events.Add(new LoggedEvent(reader.GetInt64(0), reader.GetString(1), customerEvent));
        }

        return events;
    }

    private void WriteLoop()
    {
        var group = new List<PendingAppend>();
        while (WaitForWork())
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

            using var commit = EventLogTelemetry.StartCommit(group, rows);
            CommitIsolatingRefusedData(group, rows);
        }
    }

    /// <summary>
    /// Commits a group of requests and answers them. When the database refuses the data of the commit (not the
    /// database being unreachable: see <see cref="CommitFailure.IsDataError"/>), the group is committed in halves,
    /// recursively, until each request at fault stands alone: those are answered with
    /// <see cref="EventLogRejectedException"/> and all others are committed, one part after another, so events are
    /// still numbered and handed to the sink in commit order. A group without such a request costs nothing extra.
    /// </summary>
    private void CommitIsolatingRefusedData(List<PendingAppend> group, int rows)
    {
        IReadOnlyList<LoggedEvent> committed;
        try
        {
            committed = Commit(group, rows);
        }
#pragma warning disable CA1031 // Any failure of the commit fails its requests (400 or 503); the writer must live on.
        catch (Exception ex) when (CommitFailure.IsDataError(ex))
        {
            if (ex is not PostgresException)
            {
                ResetConnection(); // Npgsql failed while writing a message: the next part starts on a fresh session
            }

            if (group.Count == 1)
            {
                EventLogLog.AppendRejected(_logger, rows, ex);
                group[0].Completion.TrySetException(new EventLogRejectedException(
                    $"The event store refused this request's data ({CommitFailure.Describe(ex)}); nothing of it was stored.", ex));
                return;
            }

            EventLogLog.CommitRefused(_logger, group.Count, rows, ex);
            var half = group.Count / 2;
            var first = group.GetRange(0, half);
            var second = group.GetRange(half, group.Count - half);
            CommitIsolatingRefusedData(first, first.Sum(p => p.Events.Count));
            CommitIsolatingRefusedData(second, second.Sum(p => p.Events.Count));
            return;
        }
        catch (Exception ex)
#pragma warning restore CA1031
        {
            EventLogLog.CommitFailed(_logger, rows, ex);
            ResetConnection();
            var unavailable = new EventLogUnavailableException("The event log store is unreachable; retry later.", ex);
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(unavailable);
            }

            return;
        }

        foreach (var pending in group)
        {
            pending.Completion.TrySetResult(new AppendResult(pending.Accepted, pending.Duplicates));
        }

        EventLogTelemetry.Committed(committed, Activity.Current);
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

    /// <summary>An event of the group being committed, with its dedupe key and the request it came with.</summary>
    private readonly record struct Candidate(Guid Key, IncomingEvent Incoming, PendingAppend Owner);

    // The writer's own thread waits here for requests.
    private bool WaitForWork() =>
        _carried is not null || _queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult();

    private IReadOnlyList<LoggedEvent> Commit(List<PendingAppend> group, int rows)
    {
        // Dedupe within the group first: the first occurrence of (source, messageId) wins. The log's dedupe key
        // stands for the pair.
        var seen = _seen;
        var ordered = _ordered;
        seen.Clear();
        ordered.Clear();
        foreach (var pending in group)
        {
            pending.Accepted = 0;
            var events = pending.Events;
            for (var i = 0; i < events.Count; i++)
            {
                var key = pending.Keys[i];
                if (seen.Add(key))
                {
                    ordered.Add(new Candidate(key, events[i], pending));
                }
            }
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var committed = ordered.Count == 0 ? [] : TryCommit(ordered);
                    foreach (var candidate in ordered)
                    {
                        candidate.Owner.Accepted++;
                    }

                    foreach (var pending in group)
                    {
                        pending.Duplicates = pending.Events.Count - pending.Accepted;
                    }

                    return committed;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && attempt < DuplicateRetries)
                {
                    // Some events are in the log already (an SDK retrying after a lost answer): the copy failed as a
                    // whole and nothing of it was written. Drop the ones the log has and write the rest.
                    var existing = ReadExistingKeys(ordered);
                    ordered.RemoveAll(c => existing.Contains(c.Key));
                }
            }
        }
        catch
        {
            // The outcome of a failed commit is unknown to this writer: forget what it believed about the log.
            _newestSequence.Clear();
            _expectedNextSequence = 0;
            throw;
        }
        finally
        {
            ordered.Clear(); // holds the group's events: let them go with the requests
        }
    }

    private List<LoggedEvent> TryCommit(List<Candidate> ordered)
    {
        // Who needs resolving: every anonymous-only visitor (it may have been linked to a user), and every user whose
        // newest sequence this writer does not know. Links made by this commit go in first, so an anonymous event
        // before its identify in the same commit already counts for the user.
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var subjects = new List<(string? UserId, string? AnonymousId)>();
        var subjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var anonymousSubjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var candidate in ordered)
        {
            var e = candidate.Incoming.Event;
            if (e.UserId is not null)
            {
                if (e.AnonymousId is not null)
                {
                    links.TryAdd(e.AnonymousId, e.UserId);
                }

                if (!_newestSequence.ContainsKey(e.UserId) && subjectIndex.TryAdd(e.UserId, subjects.Count))
                {
                    subjects.Add((e.UserId, null));
                }
            }
            else if (anonymousSubjectIndex.TryAdd(e.AnonymousId!, subjects.Count))
            {
                subjects.Add((null, e.AnonymousId));
            }
        }

        var connection = GetConnection();
        using var transaction = connection.BeginTransaction();

        long firstSequence;
        HashSet<string>? linkedWithoutHistory = null;
        var resolved = new List<(string CustomerKey, long Newest)>(subjects.Count);
        using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var reserve = new NpgsqlBatchCommand(ReserveSequences);
            reserve.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ordered.Count });
            reserve.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = LatestTimestamp(ordered) });
            batch.BatchCommands.Add(reserve);
            if (links.Count > 0)
            {
                var link = new NpgsqlBatchCommand(LinkIdentities);
                link.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. links.Keys] });
                link.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. links.Values] });
                batch.BatchCommands.Add(link);
            }

            if (subjects.Count > 0)
            {
                var resolve = new NpgsqlBatchCommand(ResolveCustomers);
                AddSubjectParameters(resolve.Parameters, subjects);
                batch.BatchCommands.Add(resolve);
            }

            using var reader = batch.ExecuteReader();
            reader.Read();
            firstSequence = reader.GetInt64(0);
            if (links.Count > 0)
            {
                reader.NextResult();
                while (reader.Read())
                {
                    (linkedWithoutHistory ??= new HashSet<string>(StringComparer.Ordinal)).Add(reader.GetString(0));
                }
            }

            if (subjects.Count > 0)
            {
                reader.NextResult();
                while (reader.Read())
                {
                    resolved.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
        }

        if (firstSequence != _expectedNextSequence && _newestSequence.Count > 0)
        {
            // Another writer committed since this one last did: what it remembers may be stale. Ask the log about
            // the users it skipped.
            _newestSequence.Clear();
            var stale = new List<(string? UserId, string? AnonymousId)>();
            foreach (var candidate in ordered)
            {
                if (candidate.Incoming.Event.UserId is { } userId && subjectIndex.TryAdd(userId, subjects.Count + stale.Count))
                {
                    stale.Add((userId, null));
                }
            }

            if (stale.Count > 0)
            {
                subjects.AddRange(stale);
                using var command = new NpgsqlCommand(ResolveCustomers, connection, transaction);
                AddSubjectParameters(command.Parameters, stale);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    resolved.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
        }

        // Number the events and link each to its customer's previous one.
        var newest = _newest;
        newest.Clear();
        for (var i = 0; i < subjects.Count; i++)
        {
            newest.TryAdd(resolved[i].CustomerKey, resolved[i].Newest);
        }

        var committed = new List<LoggedEvent>(ordered.Count);
        using (var importer = connection.BeginBinaryImport(EventRows.Copy))
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                var candidate = ordered[i];
                var incoming = candidate.Incoming;
                var e = incoming.Event;
                var sequence = firstSequence + i;
                var customerKey = e.UserId ?? resolved[anonymousSubjectIndex[e.AnonymousId!]].CustomerKey;
                if (!newest.TryGetValue(customerKey, out var previous) && !_newestSequence.TryGetValue(customerKey, out previous))
                {
                    previous = 0;
                }

                newest[customerKey] = sequence;
                var anonymousHistoryEmpty = linkedWithoutHistory is not null && e is { UserId: { } user, AnonymousId: { } anonymous }
                    && linkedWithoutHistory.Contains(anonymous) && links[anonymous] == user;
                committed.Add(new LoggedEvent(sequence, customerKey, e, previous, anonymousHistoryEmpty));

                EventRows.Write(importer, sequence, incoming, candidate.Key, customerKey);
            }

            importer.Complete();
        }

        transaction.Commit();

        if (_newestSequence.Count + newest.Count > MaxRememberedCustomers)
        {
            _newestSequence.Clear();
        }

        foreach (var (customerKey, sequence) in newest)
        {
            _newestSequence[customerKey] = sequence;
        }

        _expectedNextSequence = firstSequence + ordered.Count;
        return committed;
    }

    private static DateTimeOffset LatestTimestamp(List<Candidate> ordered)
    {
        var latest = DateTimeOffset.MinValue;
        foreach (var candidate in ordered)
        {
            if (candidate.Incoming.Event.Timestamp > latest)
            {
                latest = candidate.Incoming.Event.Timestamp;
            }
        }

        return latest;
    }

    private static void AddSubjectParameters(NpgsqlParameterCollection parameters, List<(string? UserId, string? AnonymousId)> subjects)
    {
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. subjects.Select(s => s.UserId)] });
        parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. subjects.Select(s => s.AnonymousId)] });
    }

    private HashSet<Guid> ReadExistingKeys(List<Candidate> ordered)
    {
        var connection = GetConnection();
        using var command = new NpgsqlCommand("SELECT dedupe_key FROM events WHERE dedupe_key = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ordered.Select(c => c.Key)] });
        var existing = new HashSet<Guid>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            existing.Add(reader.GetGuid(0));
        }

        return existing;
    }

    private NpgsqlConnection GetConnection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        ResetConnection();
        _connection = _dataSource.OpenConnection();
        LimitUnflushedWrites(_connection);
        return _connection;
    }

    /// <summary>
    /// Has the writer's session hand its own table writes to the disk every <see cref="FlushAfter"/> instead of
    /// leaving them in the page cache. A <c>COPY</c> writes its pages itself (through a small ring of buffers), and
    /// without it the kernel lets tens of megabytes of them pile up, then writes them back in a burst that holds up the
    /// next commits' WAL flush by 30-45 ms every few seconds (docs/benchmarks.md). A server that does
    /// not take the setting keeps its own: the log works the same, only with those stalls.
    /// </summary>
    private void LimitUnflushedWrites(NpgsqlConnection connection)
    {
        try
        {
            using var command = new NpgsqlCommand($"SET backend_flush_after = '{FlushAfter}'", connection);
            command.ExecuteNonQuery();
        }
        catch (PostgresException ex)
        {
            EventLogLog.FlushAfterRefused(_logger, FlushAfter, ex.MessageText);
        }
    }

    private void ResetConnection()
    {
        if (_connection is not null)
        {
            _connection.Dispose();
            _connection = null;
        }
    }
}
