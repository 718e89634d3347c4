using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Cluster;

/// <summary>
/// <see cref="INodeTakeoverStore"/> in PostgreSQL: the membership table (migration 0017) says who is dead, the claim
/// columns of <c>ingest_checkpoints</c> (migration 0020) who takes over; leases run on the server's clock.
/// </summary>
public sealed class PostgresNodeTakeoverStore(NpgsqlDataSource dataSource) : INodeTakeoverStore
{
    /// <summary>Membership status of a dead silo (Orleans' SiloStatus.Dead).</summary>
    private const int DeadStatus = 6;

    public async Task<IReadOnlyList<DeadNode>> FindDeadNodesAsync(string clusterId, string self, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT m.silo_name, m.generation, m.i_am_alive_time
              FROM (SELECT DISTINCT ON (silo_name) silo_name, generation, status, i_am_alive_time
                      FROM orleans_membership
                     WHERE cluster_id = @cluster
                     ORDER BY silo_name, start_time DESC, generation DESC) AS m
              LEFT JOIN ingest_checkpoints AS c ON c.node = m.silo_name
             WHERE m.status = @dead
               AND m.silo_name <> @self
               AND (c.node IS NULL
                    OR c.takeover_generation IS NULL
                    OR c.takeover_generation < m.generation
                    OR (c.takeover_generation = m.generation AND c.taken_over_at IS NULL
                        AND (c.takeover_until IS NULL OR c.takeover_until < now())))
             ORDER BY m.i_am_alive_time
            """);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("self", self);
        command.Parameters.AddWithValue("dead", DeadStatus);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var dead = new List<DeadNode>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dead.Add(new DeadNode(reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return dead;
    }

    public async Task<long?> TryClaimAsync(DeadNode dead, string by, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dead);
        ArgumentException.ThrowIfNullOrEmpty(by);

        // A node that died before its first checkpoint has everything to catch up: its row starts at 0.
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO ingest_checkpoints (node, applied_through) VALUES ($1, 0) ON CONFLICT (node) DO NOTHING"))
        {
            insert.Parameters.AddWithValue(dead.Node);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = dataSource.CreateCommand(
            """
            UPDATE ingest_checkpoints
               SET takeover_generation = @generation, takeover_by = @by, takeover_until = now() + @lease,
                   takeover_dead_at = @dead_at, takeover_started_at = now(), taken_over_at = NULL,
                   taken_over_from = applied_through, taken_over_through = NULL, taken_over_customers = NULL
             WHERE node = @node
               AND (takeover_generation IS NULL OR takeover_generation < @generation
                    OR (takeover_generation = @generation AND taken_over_at IS NULL))
               AND (taken_over_at IS NOT NULL OR takeover_until IS NULL OR takeover_until < now())
            RETURNING applied_through
            """);
        command.Parameters.AddWithValue("node", dead.Node);
        command.Parameters.AddWithValue("generation", dead.Generation);
        command.Parameters.AddWithValue("by", by);
        command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
        command.Parameters.AddWithValue("dead_at", dead.DeadAt);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long claimed ? claimed : null;
    }

    public async Task<bool> RenewAsync(DeadNode dead, string by, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dead);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE ingest_checkpoints SET takeover_until = now() + @lease
             WHERE node = @node AND takeover_generation = @generation AND takeover_by = @by AND taken_over_at IS NULL
            """);
        command.Parameters.AddWithValue("node", dead.Node);
        command.Parameters.AddWithValue("generation", dead.Generation);
        command.Parameters.AddWithValue("by", by);
        command.Parameters.AddWithValue("lease", NpgsqlDbType.Interval, lease);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> CompleteAsync(DeadNode dead, string by, long throughSequence, int customers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dead);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE ingest_checkpoints
               SET applied_through = GREATEST(applied_through, @through), updated_at = now(),
                   taken_over_at = now(), takeover_until = NULL,
                   taken_over_through = @through, taken_over_customers = @customers
             WHERE node = @node AND takeover_generation = @generation AND takeover_by = @by AND taken_over_at IS NULL
            """);
        command.Parameters.AddWithValue("node", dead.Node);
        command.Parameters.AddWithValue("generation", dead.Generation);
        command.Parameters.AddWithValue("by", by);
        command.Parameters.AddWithValue("through", throughSequence);
        command.Parameters.AddWithValue("customers", customers);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<NodeTakeover>> ReadTakeoversAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT node, takeover_generation, takeover_by, takeover_dead_at, takeover_started_at, taken_over_at,
                   taken_over_from, taken_over_through, taken_over_customers
              FROM ingest_checkpoints
             WHERE takeover_generation IS NOT NULL
             ORDER BY takeover_started_at DESC
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var takeovers = new List<NodeTakeover>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            takeovers.Add(new NodeTakeover(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7),
                reader.IsDBNull(8) ? null : reader.GetInt32(8)));
        }

        return takeovers;
    }
}
