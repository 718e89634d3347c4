using ChurnActors.Retention.Campaigns;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;
using ChurnActors.Storage.Audiences;
using ChurnActors.Storage.Retention;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Campaigns;

/// <summary>Campaigns in PostgreSQL (migration 0016); outcomes are computed in SQL from the event log.</summary>
public sealed class PostgresCampaignStore(NpgsqlDataSource dataSource) : ICampaignStore
{
    /// <summary>The high half of the advisory lock key of a run: "CAMP".</summary>
    private const long LockSpace = 0x43414D50L << 32;

    private const string CampaignColumns = "campaign_id, definition::text, version, paused, created_at, updated_at";

    private const string RunColumns =
        "run_id, campaign_id, fire_key, campaign_version, definition::text, status, created_at, snapshot_at, members, finished_at, error";

    /// <summary>
    /// An order's amount as <c>CommerceParser</c> reads it (revenue, else total, else value), or 0. Properties are
    /// stored as text (migration 0003) and parsed only for the orders of the members in the window.
    /// </summary>
    private const string OrderAmount =
        """
        COALESCE(
            CASE WHEN json_typeof(e.properties::json -> 'revenue') = 'number' THEN (e.properties::json ->> 'revenue')::numeric END,
            CASE WHEN json_typeof(e.properties::json -> 'total') = 'number' THEN (e.properties::json ->> 'total')::numeric END,
            CASE WHEN json_typeof(e.properties::json -> 'value') = 'number' THEN (e.properties::json ->> 'value')::numeric END,
            0)
        """;

    public async Task<StoredCampaign?> CreateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO campaigns (campaign_id, definition, version, paused, created_at, updated_at) VALUES ($1, $2::jsonb, 1, false, $3, $3)
            ON CONFLICT (campaign_id) DO NOTHING
            RETURNING {CampaignColumns}
            """);
        command.Parameters.AddWithValue(definition.Id);
        command.Parameters.AddWithValue(CampaignJson.Serialize(definition));
        command.Parameters.AddWithValue(now.ToUniversalTime());
        return await ReadCampaignAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredCampaign?> UpdateAsync(CampaignDefinition definition, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE campaigns SET definition = $2::jsonb, version = version + 1, updated_at = $3 WHERE campaign_id = $1
            RETURNING {CampaignColumns}
            """);
        command.Parameters.AddWithValue(definition.Id);
        command.Parameters.AddWithValue(CampaignJson.Serialize(definition));
        command.Parameters.AddWithValue(now.ToUniversalTime());
        return await ReadCampaignAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredCampaign?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {CampaignColumns} FROM campaigns WHERE campaign_id = $1");
        command.Parameters.AddWithValue(id);
        return await ReadCampaignAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredCampaign>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {CampaignColumns} FROM campaigns ORDER BY campaign_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var campaigns = new List<StoredCampaign>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            campaigns.Add(Campaign(reader));
        }

        return campaigns;
    }

    public async Task<StoredCampaign?> SetPausedAsync(string id, bool paused, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE campaigns SET paused = $2, updated_at = $3 WHERE campaign_id = $1 RETURNING {CampaignColumns}");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(paused);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        return await ReadCampaignAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CampaignRun?> GetOrCreateRunAsync(string campaignId, string fireKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH created AS (
                INSERT INTO campaign_runs (campaign_id, fire_key, campaign_version, definition, status, created_at)
                SELECT campaign_id, $2, version, definition, 'queued', $3 FROM campaigns WHERE campaign_id = $1
                ON CONFLICT (campaign_id, fire_key) DO NOTHING
                RETURNING {RunColumns})
            SELECT * FROM created
            UNION ALL
            SELECT {RunColumns} FROM campaign_runs WHERE campaign_id = $1 AND fire_key = $2
            LIMIT 1
            """);
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.AddWithValue(fireKey);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        return await ReadRunAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CampaignRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM campaign_runs WHERE run_id = $1");
        command.Parameters.AddWithValue(runId);
        return await ReadRunAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IAsyncDisposable?> TryLockRunAsync(long runId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            tryLock.Parameters.AddWithValue(LockSpace | runId);
            if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new RunLock(connection, runId);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    public async Task<IReadOnlyList<CampaignRun>> RunsAsync(string campaignId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {RunColumns} FROM campaign_runs WHERE campaign_id = $1 ORDER BY run_id DESC");
        command.Parameters.AddWithValue(campaignId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<CampaignRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(Run(reader));
        }

        return runs;
    }

    public async Task<int> SnapshotAsync(
        long runId, AudienceFilter audience, Func<string, ControlAssignment> assign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(assign);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockRun = new NpgsqlCommand("SELECT members FROM campaign_runs WHERE run_id = $1 AND snapshot_at IS NOT NULL FOR UPDATE", connection, transaction))
        {
            lockRun.Parameters.AddWithValue(runId);
            if (await lockRun.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int existing)
            {
                return existing;
            }
        }

        // The audience is read whole first: one connection cannot read and copy at the same time.
        var compiled = AudienceSql.Compile(audience, now);
        var keys = new List<string>();
        await using (var select = new NpgsqlCommand($"SELECT s.customer_key FROM customer_scores s WHERE {compiled.Where}", connection, transaction))
        {
            compiled.AddParametersTo(select);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(reader.GetString(0));
            }
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY campaign_members (run_id, customer_key, arm, control_reason) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var key in keys)
            {
                var assignment = assign(key);
                await copy.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(runId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync(RetentionNames.Of(assignment.Arm), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                if (assignment.IsControl)
                {
                    await copy.WriteAsync(RetentionNames.Of(assignment.Reason), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await copy.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var mark = new NpgsqlCommand(
            "UPDATE campaign_runs SET snapshot_at = $2, members = $3, status = 'running' WHERE run_id = $1", connection, transaction))
        {
            mark.Parameters.AddWithValue(runId);
            mark.Parameters.AddWithValue(now.ToUniversalTime());
            mark.Parameters.AddWithValue(keys.Count);
            await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return keys.Count;
    }

    public async Task<IReadOnlyList<CampaignMember>> OpenMembersAsync(long runId, DateTimeOffset now, string after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT customer_key, arm, control_reason FROM campaign_members
             WHERE run_id = $1 AND (decision IS NULL OR (decision = 'quiet-hours' AND deferred_until <= $2)) AND customer_key > $3
             ORDER BY customer_key LIMIT $4
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(now.ToUniversalTime());
        command.Parameters.AddWithValue(after);
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var members = new List<CampaignMember>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            members.Add(new CampaignMember(
                reader.GetString(0),
                RetentionNames.ParseArm(reader.GetString(1)),
                reader.IsDBNull(2) ? ControlReason.None : RetentionNames.ParseControlReason(reader.GetString(2))));
        }

        return members;
    }

    public async Task RecordDecisionsAsync(long runId, IReadOnlyList<CampaignMemberDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        if (decisions.Count == 0)
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            """
            UPDATE campaign_members m
               SET decision = d.decision, reason = d.reason, idempotency_key = d.key, decided_at = d.at, deferred_until = d.deferred
              FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[]) AS d(customer_key, decision, reason, key, at, deferred)
             WHERE m.run_id = $1 AND m.customer_key = d.customer_key
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(decisions.Select(d => d.CustomerKey).ToArray());
        command.Parameters.AddWithValue(decisions.Select(d => d.Decision).ToArray());
        command.Parameters.AddWithValue(decisions.Select(d => d.Reason).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = decisions.Select(d => (object?)d.IdempotencyKey ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.AddWithValue(decisions.Select(d => d.DecidedAt.ToUniversalTime()).ToArray());
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = decisions.Select(d => d.DeferredUntil is { } at ? (object)at.ToUniversalTime() : DBNull.Value).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextDeferralAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT min(deferred_until) FROM campaign_members WHERE run_id = $1 AND decision = 'quiet-hours'");
        command.Parameters.AddWithValue(runId);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task SetRunStatusAsync(long runId, string status, DateTimeOffset? finishedAt, string? error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE campaign_runs SET status = $2, finished_at = $3, error = $4 WHERE run_id = $1");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(status);
        command.Parameters.Add(new NpgsqlParameter { Value = finishedAt is { } at ? at.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<CampaignProgress> ProgressAsync(long runId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT arm, decision, count(*) FROM campaign_members WHERE run_id = $1 GROUP BY arm, decision");
        command.Parameters.AddWithValue(runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long members = 0, treated = 0, control = 0, decided = 0;
        var byDecision = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var count = reader.GetInt64(2);
            members += count;
            if (reader.GetString(0) == "treated")
            {
                treated += count;
            }
            else
            {
                control += count;
            }

            var decision = reader.IsDBNull(1) ? "undecided" : reader.GetString(1);
            byDecision[decision] = byDecision.GetValueOrDefault(decision) + count;
            if (decision is not ("undecided" or "quiet-hours"))
            {
                decided += count;
            }
        }

        return new CampaignProgress(members, treated, control, decided, byDecision.GetValueOrDefault("sent"), byDecision);
    }

    public async Task<CampaignMemberDecision?> MemberAsync(long runId, string customerKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT decision, reason, idempotency_key, decided_at, deferred_until FROM campaign_members WHERE run_id = $1 AND customer_key = $2");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(customerKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new CampaignMemberDecision(
            customerKey,
            reader.IsDBNull(0) ? "undecided" : reader.GetString(0),
            reader.IsDBNull(1) ? string.Empty : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? default : reader.GetFieldValue<DateTimeOffset>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4));
    }

    public async Task<IReadOnlyList<CampaignArmSums>> SumOutcomesAsync(string campaignId, long? runId, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            WITH runs AS (
                SELECT run_id, snapshot_at AS starts,
                       snapshot_at + make_interval(days => (definition -> 'outcome' ->> 'windowDays')::int) AS ends,
                       definition -> 'outcome' ->> 'goalEvent' AS goal
                  FROM campaign_runs
                 WHERE campaign_id = $1 AND ($2::bigint IS NULL OR run_id = $2) AND snapshot_at IS NOT NULL),
            outcomes AS (
                SELECT r.run_id, r.ends, m.arm, m.control_reason,
                       COALESCE(o.retained, false) AS retained,
                       COALESCE(o.revenue, 0)::float8 AS revenue,
                       COALESCE(o.pre, 0)::float8 AS pre
                  FROM runs r
                  JOIN campaign_members m ON m.run_id = r.run_id
                  LEFT JOIN LATERAL (
                      SELECT bool_or(e.event_name = r.goal AND e.occurred_at >= r.starts) AS retained,
                             sum({OrderAmount}) FILTER (WHERE e.event_name = 'Order Completed' AND e.occurred_at >= r.starts) AS revenue,
                             sum({OrderAmount}) FILTER (WHERE e.event_name = 'Order Completed' AND e.occurred_at < r.starts) AS pre
                        FROM events e
                       WHERE e.customer_hash = hashtextextended(m.customer_key, 0) AND e.customer_key = m.customer_key AND e.call_type = 1
                         AND e.occurred_at >= r.starts - interval '90 days' AND e.occurred_at < r.ends) o ON true)
            SELECT run_id, arm, control_reason,
                   count(*) FILTER (WHERE retained OR ends <= $3),
                   count(*) FILTER (WHERE NOT retained AND ends > $3),
                   COALESCE(sum(retained::int) FILTER (WHERE retained OR ends <= $3), 0)::float8,
                   COALESCE(sum(revenue) FILTER (WHERE retained OR ends <= $3), 0),
                   COALESCE(sum(revenue * revenue) FILTER (WHERE retained OR ends <= $3), 0),
                   COALESCE(sum(pre) FILTER (WHERE retained OR ends <= $3), 0),
                   COALESCE(sum(pre * pre) FILTER (WHERE retained OR ends <= $3), 0),
                   COALESCE(sum(revenue * pre) FILTER (WHERE retained OR ends <= $3), 0)
              FROM outcomes
             GROUP BY run_id, arm, control_reason
            """);
        command.Parameters.AddWithValue(campaignId);
        command.Parameters.Add(new NpgsqlParameter { Value = runId is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.AddWithValue(asOf.ToUniversalTime());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sums = new List<CampaignArmSums>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var outcome = reader.GetDouble(5);
            sums.Add(new CampaignArmSums(
                reader.GetInt64(0),
                RetentionNames.ParseArm(reader.GetString(1)),
                reader.IsDBNull(2) ? ControlReason.None : RetentionNames.ParseControlReason(reader.GetString(2)),
                reader.GetInt64(3),
                reader.GetInt64(4),
                new ArmSums(outcome, outcome, reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10))));
        }

        return sums;
    }

    private static async Task<StoredCampaign?> ReadCampaignAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Campaign(reader) : null;
    }

    private static async Task<CampaignRun?> ReadRunAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Run(reader) : null;
    }

    private static StoredCampaign Campaign(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        CampaignJson.Deserialize(reader.GetString(1)),
        reader.GetInt32(2),
        reader.GetBoolean(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));

    private static CampaignRun Run(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetInt32(3),
        CampaignJson.Deserialize(reader.GetString(4)),
        reader.GetString(5),
        reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetString(10));

    /// <summary>A run's advisory lock, held on its own connection until disposed.</summary>
    private sealed class RunLock(NpgsqlConnection connection, long runId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                unlock.Parameters.AddWithValue(LockSpace | runId);
                await unlock.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
