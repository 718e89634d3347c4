using System.Diagnostics;
using Npgsql;

namespace ChurnActors.LoadTools.Chaos;

/// <summary>
/// Compares what the load was acknowledged with the event log, the customers' persisted grain state
/// (<c>orleans_grain_state</c>) and the score projection (<c>customer_scores</c>), straight in PostgreSQL: a customer
/// counts as up to date when its persisted state has applied exactly the events the log holds for it and its score row
/// carries its last sequence, and it has a pending wake-up, without any client having read it.
/// </summary>
public sealed class ChaosVerifier(string connectionString)
{
    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(500);

    /// <summary>Waits (at most <paramref name="timeout"/>) until every customer is up to date, then counts.</summary>
    public async Task<ChaosCheck> CheckAsync(ChaosLedger ledger, IReadOnlyCollection<string> customers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(customers);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var keys = customers.ToArray();
        var waited = Stopwatch.StartNew();
        Snapshot snapshot;
        while (true)
        {
            snapshot = await ReadAsync(dataSource, keys, cancellationToken).ConfigureAwait(false);
            if ((snapshot.Behind == 0 && snapshot.WithoutWakeUp == 0) || waited.Elapsed >= timeout)
            {
                break;
            }

            await Task.Delay(PollPause, cancellationToken).ConfigureAwait(false);
        }

        var acknowledgedIds = ledger.Acknowledged.Select(e => e.MessageId).Distinct(StringComparer.Ordinal).ToArray();
        var found = await CountLoggedAsync(dataSource, acknowledgedIds, cancellationToken).ConfigureAwait(false);
        return new ChaosCheck(
            ledger.Sent,
            ledger.Acknowledged.Count,
            ledger.Abandoned.Count,
            ledger.Retries,
            acknowledgedIds.Length - found,
            snapshot.LogDuplicates,
            keys.Length,
            snapshot.Logged,
            snapshot.Applied,
            snapshot.Doubled,
            snapshot.Behind,
            snapshot.WithoutWakeUp,
            snapshot.Behind == 0 && snapshot.WithoutWakeUp == 0 ? waited.Elapsed : null);
    }

    /// <summary>The highest log sequence among <paramref name="messageIds"/> (0 when none is logged).</summary>
    public async Task<long> LastSequenceOfAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(seq), 0) FROM events WHERE message_id = ANY($1)", connection);
        command.Parameters.AddWithValue(messageIds.ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The node's applied checkpoint (<c>ingest_checkpoints</c>; 0 when it has none).</summary>
    public async Task<long> CheckpointAsync(string node, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT COALESCE(max(applied_through), 0) FROM ingest_checkpoints WHERE node = $1", connection);
        command.Parameters.AddWithValue(node);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<long> CountLoggedAsync(NpgsqlDataSource dataSource, string[] messageIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(DISTINCT message_id) FROM events WHERE message_id = ANY($1)");
        command.Parameters.AddWithValue(messageIds);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task<Snapshot> ReadAsync(NpgsqlDataSource dataSource, string[] keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH logged AS (
                SELECT customer_key, count(*) AS events, count(DISTINCT message_id) AS distinct_events, max(seq) AS last_seq
                  FROM events WHERE customer_key = ANY($1) GROUP BY customer_key),
            persisted AS (
                SELECT grain_id_extension AS customer_key,
                       max((convert_from(payload, 'UTF8')::jsonb ->> 'EventsApplied')::bigint) AS applied
                  FROM orleans_grain_state
                 WHERE grain_id_extension = ANY($1) AND payload IS NOT NULL
                 GROUP BY grain_id_extension)
            SELECT l.events, l.distinct_events, COALESCE(p.applied, 0), l.last_seq, COALESCE(s.last_sequence, 0),
                   p.customer_key IS NOT NULL AND w.customer_key IS NULL
              FROM logged AS l
              LEFT JOIN persisted AS p USING (customer_key)
              LEFT JOIN customer_scores AS s USING (customer_key)
              LEFT JOIN customer_wakeups AS w USING (customer_key)
            """);
        command.Parameters.AddWithValue(keys);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = new Snapshot();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var logged = reader.GetInt64(0);
            var applied = reader.GetInt64(2);
            snapshot.Logged += logged;
            snapshot.LogDuplicates += logged - reader.GetInt64(1);
            snapshot.Applied += applied;
            snapshot.Doubled += Math.Max(0, applied - logged);
            if (applied < logged || reader.GetInt64(4) < reader.GetInt64(3))
            {
                snapshot.Behind++;
            }

            if (reader.GetBoolean(5))
            {
                snapshot.WithoutWakeUp++;
            }
        }

        return snapshot;
    }

    private sealed class Snapshot
    {
        public long Logged { get; set; }

        public long LogDuplicates { get; set; }

        public long Applied { get; set; }

        public long Doubled { get; set; }

        public int Behind { get; set; }

        public int WithoutWakeUp { get; set; }
    }
}
