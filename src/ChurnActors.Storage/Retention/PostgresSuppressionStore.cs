using Npgsql;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// The suppression list in PostgreSQL (table <c>suppressed_customers</c>, migration 0012). Every change moves
/// <c>suppression_list_head.version</c> (a trigger), which the silos' in-memory copies poll.
/// </summary>
public sealed class PostgresSuppressionStore(NpgsqlDataSource dataSource, TimeProvider time) : ISuppressionStore
{
    public async Task<SuppressionAddResult> AddAsync(string customerKey, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        ArgumentNullException.ThrowIfNull(reason);

        // xmax is 0 for a row this statement inserted, and the updating transaction's id for one it updated.
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO suppressed_customers (customer_key, reason, added_at) VALUES ($1, $2, $3)
            ON CONFLICT (customer_key) DO UPDATE SET reason = EXCLUDED.reason
            RETURNING reason, added_at, xmax = 0
            """);
        command.Parameters.AddWithValue(customerKey);
        command.Parameters.AddWithValue(reason);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = time.GetUtcNow() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new SuppressionAddResult(
            reader.GetBoolean(2),
            new SuppressedCustomer(customerKey, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
    }

    public async Task<bool> RemoveAsync(string customerKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM suppressed_customers WHERE customer_key = $1");
        command.Parameters.AddWithValue(customerKey);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    public async Task<SuppressionPage> ListAsync(int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand(
            """
            SELECT customer_key, reason, added_at FROM suppressed_customers
            WHERE $1::text IS NULL OR customer_key > $1
            ORDER BY customer_key LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(limit + 1);
        var rows = new List<SuppressedCustomer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new SuppressedCustomer(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return SuppressionPage.Of(rows, limit);
    }

    public async Task<bool> ContainsAsync(string customerKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM suppressed_customers WHERE customer_key = $1)");
        command.Parameters.AddWithValue(customerKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<long> ReadVersionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM suppression_list_head");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<IReadOnlyList<string>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT customer_key FROM suppressed_customers");
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }
}
