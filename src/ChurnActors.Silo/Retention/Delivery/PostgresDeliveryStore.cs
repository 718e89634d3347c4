using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>The delivery record in PostgreSQL (migration 0011), on the host's pool (synchronous commits).</summary>
public sealed class PostgresDeliveryStore(NpgsqlDataSource dataSource) : IDeliveryStore
{
    public async Task<bool> AddAsync(string idempotencyKey, string endpoint, string body, DateTimeOffset? notBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO webhook_deliveries (idempotency_key, endpoint, body, not_before, created_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (idempotency_key) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = endpoint });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = body });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)notBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<HashSet<string>> AddManyAsync(IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO webhook_deliveries (idempotency_key, endpoint, body, created_at)
            SELECT k, e, b, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS n (k, e, b)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING idempotency_key
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.IdempotencyKey)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Endpoint)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. deliveries.Select(d => d.Body)] });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var added = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            added.Add(reader.GetString(0));
        }

        return added;
    }

    public async Task SetJobAsync(IReadOnlyList<string> idempotencyKeys, string jobId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE webhook_deliveries SET job_id = $2 WHERE idempotency_key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. idempotencyKeys] });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = jobId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ClaimedDelivery?> ClaimAsync(string idempotencyKey, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE webhook_deliveries SET attempts = $2, last_attempt_at = $3
            WHERE idempotency_key = $1 AND status IN ('pending', 'retrying') AND attempts IN ($2 - 1, $2)
            RETURNING endpoint, body
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempt });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ClaimedDelivery(idempotencyKey, reader.GetString(0), reader.GetString(1))
            : null;
    }

    public async Task RecordAsync(string idempotencyKey, AttemptResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var status = StatusName(result.Status);
        await using var batch = dataSource.CreateBatch();
        var update = new NpgsqlBatchCommand(
            """
            UPDATE webhook_deliveries
            SET status = $2, last_status_code = $3, last_error = $4, next_attempt_at = $5,
                delivered_at = CASE WHEN $2 = 'delivered' THEN $6 END,
                dead_lettered_at = CASE WHEN $2 = 'dead' THEN $6 END
            WHERE idempotency_key = $1
            """);
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)result.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = (object?)result.NextAttemptAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = result.StartedAt + result.Duration });
        batch.BatchCommands.Add(update);

        var attempt = new NpgsqlBatchCommand(
            """
            INSERT INTO webhook_delivery_attempts (idempotency_key, attempt, started_at, duration_ms, status_code, error, outcome)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """);
        attempt.Parameters.Add(new NpgsqlParameter<string> { TypedValue = idempotencyKey });
        attempt.Parameters.Add(new NpgsqlParameter<int> { TypedValue = result.Attempt });
        attempt.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = result.StartedAt });
        attempt.Parameters.Add(new NpgsqlParameter<double> { TypedValue = result.Duration.TotalMilliseconds });
        attempt.Parameters.Add(new NpgsqlParameter { Value = (object?)result.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        attempt.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        attempt.Parameters.Add(new NpgsqlParameter<string> { TypedValue = result.Status == DeliveryStatus.Retrying ? "retry" : status });
        batch.BatchCommands.Add(attempt);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string IdempotencyKey, DateTimeOffset? NotBefore)>> UnscheduledAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT idempotency_key, not_before FROM webhook_deliveries
            WHERE status = 'pending' AND job_id IS NULL AND created_at < $1
            ORDER BY created_at LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var rows = new List<(string, DateTimeOffset?)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1)));
        }

        return rows;
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT idempotency_key, endpoint, attempts, last_status_code, last_error, created_at, dead_lettered_at, body
            FROM webhook_deliveries WHERE status = 'dead'
            ORDER BY dead_lettered_at DESC, idempotency_key LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var rows = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new DeadLetter(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetString(7)));
        }

        return rows;
    }

    private static string StatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Retrying => "retrying",
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Dead => "dead",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown delivery status."),
    };
}
