using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChurnActors.Storage.WakeUps;

/// <summary>
/// The wake-up index in PostgreSQL (<c>customer_wakeups</c>, migration 0004). Schedule calls from all grains go
/// through one writer that commits whatever has queued up in a single statement pair (upsert, delete), the last
/// call per customer winning; each call completes when its batch has committed. The writer lets calls gather for
/// <see cref="CommitLinger"/> before each commit, so that a burst of grain writes costs a few round trips, not one
/// each; those commits need not wait for their WAL flush (see <see cref="CommitAsync"/>). Claims use
/// <c>FOR UPDATE SKIP LOCKED</c>, so several sweepers (silos) never claim the same wake-up.
/// </summary>
public sealed class PostgresWakeUpIndex : IWakeUpIndex, IAsyncDisposable
{
    /// <summary>Most schedule calls one commit takes; more wait for the next.</summary>
    public const int MaxPerCommit = 20_000;

    /// <summary>How long the writer lets schedule calls gather before it commits them.</summary>
    public static readonly TimeSpan CommitLinger = TimeSpan.FromMilliseconds(20);

    // A schedule commit does not wait for its WAL flush: the grain writes its state after this call returns, and the
    // applied watermark that counts that state as persisted is committed later with a synchronous commit, which
    // flushes the WAL up to and including this commit. A crash can lose only schedules whose events are replayed.
    private const string AsynchronousCommit = "SET LOCAL synchronous_commit = off";

    private const string Upsert =
        """
        INSERT INTO customer_wakeups (customer_key, due_at)
        SELECT * FROM unnest($1::text[], $2::timestamptz[])
        ON CONFLICT (customer_key) DO UPDATE SET due_at = EXCLUDED.due_at, claimed_until = NULL
        """;

    private const string Delete = "DELETE FROM customer_wakeups WHERE customer_key = ANY($1)";

    private const string Claim =
        """
        WITH due AS (
            SELECT customer_key, due_at FROM customer_wakeups
            WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
            ORDER BY due_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED)
        UPDATE customer_wakeups w SET claimed_until = $2
        FROM due
        WHERE w.customer_key = due.customer_key
        RETURNING due.customer_key, due.due_at
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly Channel<PendingSchedule> _queue = Channel.CreateUnbounded<PendingSchedule>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresWakeUpIndex(NpgsqlDataSource dataSource, ILogger<PostgresWakeUpIndex> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _writer = Task.Run(WriteLoopAsync);
    }

    public Task ScheduleAsync(string customerKey, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        var pending = new PendingSchedule(customerKey, dueAt);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The wake-up index is shutting down.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DueWakeUp>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        await using var command = _dataSource.CreateCommand(Claim);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now + lease });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        var claimed = new List<DueWakeUp>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            claimed.Add(new DueWakeUp(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }

        // RETURNING does not keep the subquery's order.
        claimed.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return claimed;
    }

    public Task<WakeUpBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadBacklogAsync("", now, cancellationToken);

    public async Task<WakeUpBacklog> ReadBacklogAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var command = _dataSource.CreateCommand(
            """
            SELECT count(*),
                   count(*) FILTER (WHERE due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)),
                   min(GREATEST(due_at, claimed_until))
            FROM customer_wakeups
            WHERE $2 = '' OR starts_with(customer_key, $2)
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPrefix });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WakeUpBacklog(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2));
    }

    public async Task<long> AdvanceAsync(string keyPrefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await using var command = _dataSource.CreateCommand(
            "UPDATE customer_wakeups SET due_at = $1, claimed_until = NULL WHERE starts_with(customer_key, $2)");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = keyPrefix });
        command.CommandTimeout = 600;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<PendingSchedule>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(CommitLinger).ConfigureAwait(false);
            group.Clear();
            while (group.Count < MaxPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            try
            {
                await CommitAsync(group).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed commit fails its callers, who keep their wake-up pending; the writer lives on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                WakeUpLog.ScheduleFailed(_logger, group.Count, ex);
                foreach (var pending in group)
                {
                    pending.Completion.TrySetException(ex);
                }

                continue;
            }

            foreach (var pending in group)
            {
                pending.Completion.TrySetResult();
            }
        }
    }

    private async Task CommitAsync(List<PendingSchedule> group)
    {
        // The last call per customer wins (one statement cannot touch a row twice).
        var latest = new Dictionary<string, DateTimeOffset?>(group.Count, StringComparer.Ordinal);
        foreach (var pending in group)
        {
            latest[pending.CustomerKey] = pending.DueAt;
        }

        var upsertKeys = new List<string>(latest.Count);
        var upsertTimes = new List<DateTimeOffset>(latest.Count);
        var deleteKeys = new List<string>();
        foreach (var (customerKey, dueAt) in latest)
        {
            if (dueAt is { } due)
            {
                upsertKeys.Add(customerKey);
                upsertTimes.Add(due);
            }
            else
            {
                deleteKeys.Add(customerKey);
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(AsynchronousCommit));
        if (upsertKeys.Count > 0)
        {
            var upsert = new NpgsqlBatchCommand(Upsert);
            upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. upsertKeys] });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. upsertTimes] });
            batch.BatchCommands.Add(upsert);
        }

        if (deleteKeys.Count > 0)
        {
            var delete = new NpgsqlBatchCommand(Delete);
            delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deleteKeys] });
            batch.BatchCommands.Add(delete);
        }

        // A batch without an explicit transaction runs as one implicit transaction: all or nothing.
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private sealed class PendingSchedule(string customerKey, DateTimeOffset? dueAt)
    {
        public string CustomerKey { get; } = customerKey;

        public DateTimeOffset? DueAt { get; } = dueAt;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
