using ChurnActors.Domain.Risk;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Lifetime;

/// <summary>The lifetime fit registry in PostgreSQL (table <c>lifetime_fit</c>, migration 0018): one row, the server's clock.</summary>
public sealed class PostgresLifetimeFitRegistry(NpgsqlDataSource dataSource) : ILifetimeFitRegistry
{
    public async Task<LifetimeFitClaim> TryClaimAsync(
        string node, TimeSpan gapAfterFit, TimeSpan gapAfterMiss, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        await using var command = dataSource.CreateCommand(
            """
            WITH claimed AS (
                UPDATE lifetime_fit
                   SET claimed_by = @node, claimed_until = now() + @lease
                 WHERE id
                   AND (claimed_by IS NULL OR claimed_until < now() OR claimed_by = @node)
                   AND (attempted_at IS NULL
                        OR attempted_at <= now() - CASE WHEN model IS NULL THEN @gap_after_miss ELSE @gap_after_fit END)
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM claimed),
                   f.claimed_by IS NOT NULL AND f.claimed_by <> @node AND f.claimed_until >= now(),
                   f.attempted_by, f.attempted_at, f.model::text, f.reason, now()
              FROM lifetime_fit AS f
             WHERE f.id
            """);
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
        command.Parameters.AddWithValue("gap_after_fit", NpgsqlDbType.Interval, gapAfterFit);
        command.Parameters.AddWithValue("gap_after_miss", NpgsqlDbType.Interval, gapAfterMiss);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("The lifetime_fit row is missing: run `churnactors db migrate` (migration 0018).");
        }

        // The CTE's update is not visible to the outer SELECT of the same statement: the row read is the one before the
        // claim, which is what a silo that did not claim needs to see.
        var claimed = reader.GetBoolean(0);
        var claimedByOther = !claimed && !reader.IsDBNull(1) && reader.GetBoolean(1);
        StoredLifetimeFit? latest = null;
        if (!reader.IsDBNull(3))
        {
            latest = new StoredLifetimeFit(
                reader.IsDBNull(2) ? string.Empty : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : LifetimeFitJson.Deserialize(reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return new LifetimeFitClaim(claimed, claimedByOther, latest, reader.GetFieldValue<DateTimeOffset>(6));
    }

    public async Task RecordAsync(string node, ShopLifetimeModel? model, string? reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE lifetime_fit
               SET attempted_by = @node, attempted_at = now(), model = @model::jsonb, reason = @reason,
                   claimed_by = CASE WHEN claimed_by = @node THEN NULL ELSE claimed_by END,
                   claimed_until = CASE WHEN claimed_by = @node THEN NULL ELSE claimed_until END
             WHERE id
            """);
        command.Parameters.AddWithValue("node", node);
        command.Parameters.AddWithValue("model", NpgsqlDbType.Text, model is null ? DBNull.Value : LifetimeFitJson.Serialize(model));
        command.Parameters.AddWithValue("reason", NpgsqlDbType.Text, (object?)reason ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string node, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE lifetime_fit SET claimed_by = NULL, claimed_until = NULL WHERE id AND claimed_by = @node");
        command.Parameters.AddWithValue("node", node);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
