using System.Diagnostics;
using System.Threading.Channels;
using ChurnActors.Domain.Events;
using ChurnActors.Storage.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.EventLog;

/// <summary>
/// The event log on PostgreSQL. Appends from all callers of this process go through one writer that commits whatever
/// has queued up since its last commit in a single transaction: lock the head rows of the log partitions the commit's
/// customers belong to (<see cref="LogPartitions"/>), take a block of sequence numbers, link identities and resolve
/// customers in the same round trip, then one binary COPY straight into <c>events</c>. Writers of other processes wait
/// only for a partition they write at the same moment: per customer, commits happen one after another and number its
/// events in commit order, and this writer's commits reach <see cref="ICommittedEventSink"/> in its commit order. The
/// writer remembers each customer's newest sequence per partition while no other writer commits into the partition, so
/// the previous-sequence link of a delivery costs no lookup for customers it has written before.
/// </summary>
public sealed class PostgresEventLog : IEventLog, IAsyncDisposable
{
    /// <summary>Most rows one commit takes; more waits for the next.</summary>
    public const int MaxRowsPerCommit = 16_384;

    // Locks the head rows of the commit's partitions, `$1`, in partition order (so two writers never lock crossing
    // sets), and returns each one's last writer: this writer's id means nobody else committed there since.
    private const string LockPartitions =
        "SELECT partition, writer FROM event_log_partitions WHERE partition = ANY($1) ORDER BY partition FOR UPDATE";

    // Names this writer (`$2`) on the locked partitions another writer wrote last, and raises the latest occurred_at of
    // one of them, `$3`, to the commit's, `$4` (the log's latest is the maximum over partitions). A writer that keeps its
    // partitions updates one row per commit.
    private const string MarkPartitions =
        """
        UPDATE event_log_partitions
        SET writer = $2,
            latest_occurred_at = CASE WHEN partition = $3 THEN GREATEST(latest_occurred_at, $4) ELSE latest_occurred_at END
        WHERE partition = ANY($1) AND (partition = $3 OR writer IS DISTINCT FROM $2)
        """;

    // The first number of the commit's block: the sequence steps by MaxRowsPerCommit (migration 0021). Drawn after the
    // partition locks, so a customer's later commit always draws a higher block.
    private const string NextBlock = "SELECT nextval('event_seq')";

    // First link wins: an anonymousId already linked keeps its user. Returns, for every anonymousId asked about, the user
    // it now belongs to, whether this statement made the link, and whether it has no events of its own (so the user's
    // grain need not read the log for an empty history). Runs while the partition of 'anon:<id>' is locked: no event of
    // the visitor can commit in between, and later ones count for the user.
    private const string LinkIdentities =
        """
        WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS t(anonymous_id, user_id)),
             linked AS (
                INSERT INTO identities (anonymous_id, user_id)
                SELECT anonymous_id, user_id FROM input
                ON CONFLICT (anonymous_id) DO NOTHING
                RETURNING anonymous_id, user_id)
        SELECT l.anonymous_id, l.user_id, true,
               NOT EXISTS (SELECT 1 FROM events e
                           WHERE e.customer_hash = hashtextextended('anon:' || l.anonymous_id, 0)
                             AND e.customer_key = 'anon:' || l.anonymous_id)
        FROM linked l
        UNION ALL
        SELECT i.anonymous_id, i.user_id, false, false
        FROM input JOIN identities i ON i.anonymous_id = input.anonymous_id
        """;

    // For each subject (a userId, or an anonymousId alone): the customer it belongs to (a linked anonymousId belongs to
    // its user) and that customer's newest committed sequence. Runs after the partition locks: no other writer can add a
    // newer one for a customer of a locked partition before this transaction commits.
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

    /// <summary>How many times a commit is retried after finding some of its events already in the log, or after a deadlock.</summary>
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
    // What this writer committed: each customer's newest sequence, per partition. A partition's memory is the truth while
    // the partition's row names this writer as its last; another writer's commit makes it stale.
    private readonly Dictionary<string, long>[] _newestByPartition =
        [.. Enumerable.Range(0, LogPartitions.Count).Select(_ => new Dictionary<string, long>(StringComparer.Ordinal))];
    private readonly Guid _writerId = Guid.NewGuid();
    private int _remembered;

    // anonymousId -> the user it is linked to. Links never change once made (first link wins), so this is never stale.
    private readonly Dictionary<string, string> _links = new(StringComparer.Ordinal);

    // Working sets of one commit, kept between commits (the writer is single and commits one at a time), so a
    // commit does not grow new ones from empty: resizing them at every commit costs a few percent of the host's allocation.
    private readonly HashSet<Guid> _seen = [];
    private readonly List<Candidate> _ordered = [];
    private readonly Dictionary<string, long> _newest = new(StringComparer.Ordinal);
    private NpgsqlConnection? _connection;
    private PendingAppend? _carried;

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
            ON CONFLICT (node) DO UPDATE SET applied_through = EXCLUDED.applied_through,
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
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DuplicateRetries)
                {
                    // Another writer locked a partition this commit learned it needs only after resolving a visitor to
                    // its user. The retry knows the link and locks that partition with the others, in order.
                    ForgetPartitions();
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
            ForgetPartitions();
            throw;
        }
        finally
        {
            ordered.Clear(); // holds the group's events: let them go with the requests
        }
    }

    private List<LoggedEvent> TryCommit(List<Candidate> ordered)
    {
        // Each event's customer where it is known without asking the log (a userId, or a visitor this writer knows to be
        // linked), else the anonymous subject to resolve; the partitions to lock; the links to make; and the subjects to
        // resolve: every visitor not known to be linked, and every user whose newest sequence this writer does not
        // remember. Links made by this commit go in first, so an anonymous event before its identify in the same
        // commit already counts for the user.
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var subjects = new List<(string? UserId, string? AnonymousId)>();
        var subjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var anonymousSubjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var customers = new string?[ordered.Count];
        var locked = new SortedSet<int>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i].Incoming.Event;
            string? customerKey;
            if (e.UserId is not null)
            {
                customerKey = e.UserId;
                if (e.AnonymousId is not null && !_links.ContainsKey(e.AnonymousId) && links.TryAdd(e.AnonymousId, e.UserId))
                {
                    locked.Add(LogPartitions.Of(IncomingEvent.AnonymousKeyPrefix + e.AnonymousId));
                }
            }
            else if (_links.TryGetValue(e.AnonymousId!, out var linkedUser))
            {
                customerKey = linkedUser;
            }
            else
            {
                customerKey = null;
                if (anonymousSubjectIndex.TryAdd(e.AnonymousId!, subjects.Count))
                {
                    subjects.Add((null, e.AnonymousId));
                    locked.Add(LogPartitions.Of(IncomingEvent.AnonymousKeyPrefix + e.AnonymousId));
                }
            }

            customers[i] = customerKey;
            if (customerKey is not null)
            {
                var partition = LogPartitions.Of(customerKey);
                locked.Add(partition);
                if (!_newestByPartition[partition].ContainsKey(customerKey) && subjectIndex.TryAdd(customerKey, subjects.Count))
                {
                    subjects.Add((customerKey, null));
                }
            }
        }

        var connection = GetConnection();
        using var transaction = connection.BeginTransaction();
        var latest = LatestTimestamp(ordered);
        var lastWriters = new Dictionary<int, Guid?>();
        long firstSequence;
        HashSet<string>? linkedWithoutHistory = null;
        List<(string AnonymousId, string UserId)>? madeLinks = null;
        var resolved = new List<(string CustomerKey, long Newest)>(subjects.Count);
        using (var batch = new NpgsqlBatch(connection, transaction))
        {
            AddPartitionLocks(batch, locked, latest);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(NextBlock));
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
            while (reader.Read())
            {
                lastWriters[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
            }

            reader.NextResult(); // past the partitions' update too: a statement without rows has no result to step onto
            reader.Read();
            firstSequence = reader.GetInt64(0);
            if (links.Count > 0)
            {
                reader.NextResult();
                while (reader.Read())
                {
                    var anonymousId = reader.GetString(0);
                    var userId = reader.GetString(1);
                    if (!reader.GetBoolean(2))
                    {
                        _links[anonymousId] = userId; // linked before: committed, whatever happens to this commit
                    }
                    else
                    {
                        (madeLinks ??= []).Add((anonymousId, userId));
                        if (reader.GetBoolean(3))
                        {
                            (linkedWithoutHistory ??= new HashSet<string>(StringComparer.Ordinal)).Add(anonymousId);
                        }
                    }
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

        // Visitors found linked to a user belong to that user's partition; one this commit has not locked is locked
        // now (out of partition order, so this can deadlock with another writer: the retry then locks it up front), and
        // the user's newest sequence is read again under that lock.
        var reread = new List<(string? UserId, string? AnonymousId)>();
        SortedSet<int>? extra = null;
        foreach (var (anonymousId, index) in anonymousSubjectIndex)
        {
            var customerKey = resolved[index].CustomerKey;
            if (customerKey != IncomingEvent.AnonymousKeyPrefix + anonymousId)
            {
                if (!links.ContainsKey(anonymousId))
                {
                    _links[anonymousId] = customerKey; // linked by an earlier commit
                }

                var partition = LogPartitions.Of(customerKey);
                if (!locked.Contains(partition))
                {
                    (extra ??= []).Add(partition);
                }
            }
        }

        if (extra is not null)
        {
            using var batch = new NpgsqlBatch(connection, transaction);
            AddPartitionLocks(batch, extra, latest);
            using var reader = batch.ExecuteReader();
            while (reader.Read())
            {
                lastWriters[reader.GetInt32(0)] = reader.IsDBNull(1) ? null : reader.GetGuid(1);
            }

            locked.UnionWith(extra);
        }

        // A partition another writer committed into since this one last did: what it remembers there may be stale.
        foreach (var (partition, lastWriter) in lastWriters)
        {
            if (lastWriter != _writerId)
            {
                _remembered -= _newestByPartition[partition].Count;
                _newestByPartition[partition].Clear();
            }
        }

        var newest = _newest;
        newest.Clear();
        var resolvedCustomers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < subjects.Count; i++)
        {
            var customerKey = resolved[i].CustomerKey;
            if (extra is not null && extra.Contains(LogPartitions.Of(customerKey)))
            {
                continue; // read before its partition was locked: read again below
            }

            newest.TryAdd(customerKey, resolved[i].Newest);
            resolvedCustomers.Add(customerKey);
        }

        var rereadKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            var customerKey = customers[i] ??= resolved[anonymousSubjectIndex[ordered[i].Incoming.Event.AnonymousId!]].CustomerKey;
            if (!resolvedCustomers.Contains(customerKey) && !_newestByPartition[LogPartitions.Of(customerKey)].ContainsKey(customerKey)
                && rereadKeys.Add(customerKey))
            {
                reread.Add((customerKey, null));
            }
        }

        if (reread.Count > 0)
        {
            using var command = new NpgsqlCommand(ResolveCustomers, connection, transaction);
            AddSubjectParameters(command.Parameters, reread);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                newest.TryAdd(reader.GetString(0), reader.GetInt64(1));
            }
        }

        // Number the events and link each to its customer's previous one.
        var committed = new List<LoggedEvent>(ordered.Count);
        using (var importer = connection.BeginBinaryImport(EventRows.Copy))
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                var candidate = ordered[i];
                var incoming = candidate.Incoming;
                var e = incoming.Event;
                var sequence = firstSequence + i;
                var customerKey = customers[i]!;
                if (!newest.TryGetValue(customerKey, out var previous)
                    && !_newestByPartition[LogPartitions.Of(customerKey)].TryGetValue(customerKey, out previous))
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

        foreach (var (anonymousId, userId) in madeLinks ?? [])
        {
            _links[anonymousId] = userId;
        }

        if (_remembered + newest.Count > MaxRememberedCustomers || _links.Count > MaxRememberedCustomers)
        {
            ForgetPartitions();
            _links.Clear();
        }

        foreach (var (customerKey, sequence) in newest)
        {
            var memory = _newestByPartition[LogPartitions.Of(customerKey)];
            if (memory.TryAdd(customerKey, sequence))
            {
                _remembered++;
            }
            else
            {
                memory[customerKey] = sequence;
            }
        }

        return committed;
    }

    /// <summary>Locks <paramref name="partitions"/> in order and marks them as written by this commit.</summary>
    private void AddPartitionLocks(NpgsqlBatch batch, SortedSet<int> partitions, DateTimeOffset latest)
    {
        int[] ids = [.. partitions];
        var lockRows = new NpgsqlBatchCommand(LockPartitions);
        lockRows.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ids });
        batch.BatchCommands.Add(lockRows);
        var mark = new NpgsqlBatchCommand(MarkPartitions);
        mark.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = ids });
        mark.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = _writerId });
        mark.Parameters.Add(new NpgsqlParameter<int> { TypedValue = ids[0] });
        mark.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = latest });
        batch.BatchCommands.Add(mark);
    }

    /// <summary>Forgets what this writer remembers of every partition (after a commit of unknown outcome).</summary>
    private void ForgetPartitions()
    {
        foreach (var memory in _newestByPartition)
        {
            memory.Clear();
        }

        _remembered = 0;
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
