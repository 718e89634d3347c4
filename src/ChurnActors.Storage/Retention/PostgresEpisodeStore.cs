using ChurnActors.Retention.Control;
using ChurnActors.Retention.Statistics;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Storage.Retention;

/// <summary>
/// Episodes and actions in PostgreSQL (tables <c>retention_episodes</c> and <c>retention_actions</c>, migration 0010).
/// Exactly-once rests on the tables' unique keys, not on the caller: an episode insert that meets
/// <c>UNIQUE (customer_key, playbook_id, cause_sequence)</c> or the one-open-episode index, and an action insert that
/// meets <c>UNIQUE (idempotency_key)</c>, do nothing.
/// </summary>
public sealed class PostgresEpisodeStore(NpgsqlDataSource dataSource) : IEpisodeStore, IAsyncDisposable
{
    /// <summary>Transactions that commit the writes of many grains at once (see <see cref="GroupCommit"/>).</summary>
    private const int Writers = 4;

    private readonly GroupCommit _commits = new(dataSource, Writers);

    private const string EpisodeColumns = """
        episode_id, customer_key, playbook_id, playbook_version, arm, control_reason, from_band, to_band, cause_sequence,
        opened_at, outcome_ends_at, exit_reason, exited_at, goal_at, revenue_in_window, pre_period_revenue
        """;

    public Task<EpisodeOpenResult> TryOpenEpisodeAsync(EpisodeOpening opening, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(opening);
        if ((opening.Arm == ControlArm.Control) != opening.ControlReason.HasValue)
        {
            throw new ArgumentException("A control episode needs its control reason, and only a control episode has one.", nameof(opening));
        }

        return _commits.RunAsync((connection, transaction) => OpenAsync(opening, connection, transaction, cancellationToken));
    }

    private static async Task<EpisodeOpenResult> OpenAsync(
        EpisodeOpening opening, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO retention_episodes (customer_key, playbook_id, playbook_version, arm, control_reason, from_band, to_band,
                cause_sequence, opened_at, outcome_ends_at, pre_period_revenue)
            VALUES (@customer, @playbook, @version, @arm, @controlReason, @fromBand, @toBand, @cause, @openedAt, @outcomeEndsAt, @prePeriod)
            ON CONFLICT DO NOTHING
            RETURNING episode_id
            """, connection, transaction);
        var p = insert.Parameters;
        p.AddWithValue("customer", opening.CustomerKey);
        p.AddWithValue("playbook", opening.PlaybookId);
        p.AddWithValue("version", opening.PlaybookVersion);
        p.AddWithValue("arm", RetentionNames.Of(opening.Arm));
        p.Add(new NpgsqlParameter<string?>("controlReason", NpgsqlDbType.Text) { TypedValue = opening.ControlReason is { } reason ? RetentionNames.Of(reason) : null });
        p.Add(new NpgsqlParameter<string?>("fromBand", NpgsqlDbType.Text) { TypedValue = opening.FromBand is { } from ? RetentionNames.Of(from) : null });
        p.AddWithValue("toBand", RetentionNames.Of(opening.ToBand));
        p.AddWithValue("cause", opening.CauseSequence);
        p.AddWithValue("openedAt", opening.OpenedAt.ToUniversalTime());
        p.AddWithValue("outcomeEndsAt", opening.OutcomeEndsAt.ToUniversalTime());
        p.AddWithValue("prePeriod", opening.PrePeriodRevenue);
        if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long opened)
        {
            if (opening.Steps.Count > 0)
            {
                await using var schedule = new NpgsqlCommand(
                    """
                    INSERT INTO retention_schedule (episode_id, step_index, step_id, channel, customer_key, due_at)
                    SELECT @episode, s.index, s.id, s.channel, @customer, s.due
                      FROM unnest(@indexes, @ids, @channels, @dues) AS s(index, id, channel, due)
                    """, connection, transaction);
                schedule.Parameters.AddWithValue("episode", opened);
                schedule.Parameters.AddWithValue("customer", opening.CustomerKey);
                schedule.Parameters.AddWithValue("indexes", opening.Steps.Select(x => x.StepIndex).ToArray());
                schedule.Parameters.AddWithValue("ids", opening.Steps.Select(x => x.StepId).ToArray());
                schedule.Parameters.AddWithValue("channels", opening.Steps.Select(x => x.Channel).ToArray());
                schedule.Parameters.AddWithValue("dues", opening.Steps.Select(x => x.DueAt.ToUniversalTime()).ToArray());
                await schedule.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new EpisodeOpenResult(EpisodeOpenOutcome.Opened, opened);
        }

        // Nothing inserted: either this entry has its episode (a replay), or another one of the playbook is open.
        await using var existing = new NpgsqlCommand(
            """
            SELECT episode_id, cause_sequence = @cause FROM retention_episodes
             WHERE customer_key = @customer AND playbook_id = @playbook AND (cause_sequence = @cause OR exited_at IS NULL)
             ORDER BY cause_sequence = @cause DESC LIMIT 1
            """, connection, transaction);
        existing.Parameters.AddWithValue("customer", opening.CustomerKey);
        existing.Parameters.AddWithValue("playbook", opening.PlaybookId);
        existing.Parameters.AddWithValue("cause", opening.CauseSequence);
        await using var reader = await existing.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException(
                $"Episode of '{opening.PlaybookId}' for '{opening.CustomerKey}' was neither opened nor found; it conflicted with a row that is gone since. Try again.");
        }

        return new EpisodeOpenResult(reader.GetBoolean(1) ? EpisodeOpenOutcome.AlreadyOpened : EpisodeOpenOutcome.OtherOpen, reader.GetInt64(0));
    }

    public async Task<bool> RecordActionAsync(ActionRecord action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var insert = dataSource.CreateCommand(
            """
            INSERT INTO retention_actions (episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at, delivered_at)
            VALUES (@episode, @step, @channel, @dueAt, @decision, @reason, @key, @decidedAt, @deliveredAt)
            ON CONFLICT (idempotency_key) DO NOTHING
            """);
        var p = insert.Parameters;
        p.AddWithValue("episode", action.EpisodeId);
        p.AddWithValue("step", action.StepId);
        p.AddWithValue("channel", action.Channel);
        p.AddWithValue("dueAt", action.DueAt.ToUniversalTime());
        p.AddWithValue("decision", RetentionNames.Of(action.Decision));
        p.AddWithValue("reason", action.Reason);
        p.AddWithValue("key", action.IdempotencyKey);
        p.AddWithValue("decidedAt", action.DecidedAt.ToUniversalTime());
        p.Add(new NpgsqlParameter<DateTimeOffset?>("deliveredAt", NpgsqlDbType.TimestampTz) { TypedValue = action.DeliveredAt?.ToUniversalTime() });
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> MarkDeliveredAsync(string idempotencyKey, DateTimeOffset deliveredAt, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand(
            "UPDATE retention_actions SET delivered_at = @at WHERE idempotency_key = @key AND delivered_at IS NULL");
        update.Parameters.AddWithValue("key", idempotencyKey);
        update.Parameters.AddWithValue("at", deliveredAt.ToUniversalTime());
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<bool> ExitEpisodeAsync(long episodeId, EpisodeExitReason reason, DateTimeOffset exitedAt, CancellationToken cancellationToken) =>
        _commits.RunAsync((connection, transaction) => ExitAsync(episodeId, reason, exitedAt, connection, transaction, cancellationToken));

    private static async Task<bool> ExitAsync(
        long episodeId, EpisodeExitReason reason, DateTimeOffset exitedAt, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The exit and the cancellation of the steps still scheduled are one statement: a step is either decided
        // before the exit or recorded as exited, never both, never neither.
        await using var update = new NpgsqlCommand(
            """
            WITH ended AS (
                UPDATE retention_episodes SET exit_reason = @reason, exited_at = @at
                 WHERE episode_id = @episode AND exited_at IS NULL
             RETURNING episode_id),
            cancelled AS (
                DELETE FROM retention_schedule s USING ended
                 WHERE s.episode_id = ended.episode_id
             RETURNING s.episode_id, s.step_id, s.channel, s.due_at),
            recorded AS (
                INSERT INTO retention_actions (episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at)
                SELECT c.episode_id, c.step_id, c.channel, c.due_at, 'exited', @text,
                       'episode-' || c.episode_id || '-step-' || c.step_id, @at
                  FROM cancelled c
                    ON CONFLICT (idempotency_key) DO NOTHING)
            SELECT count(*) FROM ended
            """, connection, transaction);
        update.Parameters.AddWithValue("episode", episodeId);
        update.Parameters.AddWithValue("reason", RetentionNames.Of(reason));
        update.Parameters.AddWithValue("at", exitedAt.ToUniversalTime());
        update.Parameters.AddWithValue("text", ExitedText(reason));
        return await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long and 1;
    }

    /// <summary>The reason recorded for the steps an exit cancels.</summary>
    public static string ExitedText(EpisodeExitReason reason) => reason switch
    {
        EpisodeExitReason.Goal => "exited: the customer reached the playbook's goal before this step was due",
        EpisodeExitReason.BandExit => "exited: the customer left the entry band before this step was due",
        EpisodeExitReason.Disabled => "exited: the playbook was disabled before this step was due",
        _ => "exited: the episode ended before this step was due",
    };

    public Task<bool> RecordOutcomeAsync(long episodeId, DateTimeOffset? goalAt, decimal revenueInWindow, CancellationToken cancellationToken) =>
        _commits.RunAsync((connection, transaction) => OutcomeAsync(episodeId, goalAt, revenueInWindow, connection, transaction, cancellationToken));

    private static async Task<bool> OutcomeAsync(
        long episodeId, DateTimeOffset? goalAt, decimal revenueInWindow, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE retention_episodes SET goal_at = COALESCE(goal_at, @goalAt), revenue_in_window = @revenue WHERE episode_id = @episode",
            connection,
            transaction);
        update.Parameters.AddWithValue("episode", episodeId);
        update.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("goalAt", NpgsqlDbType.TimestampTz) { TypedValue = goalAt?.ToUniversalTime() });
        update.Parameters.AddWithValue("revenue", revenueInWindow);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<EpisodeOutcomeSums>> SumOutcomesAsync(
        string playbookId, int? version, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        // One aggregate over the playbook's episodes (index retention_episodes_by_version), each joined to its version's
        // definition for the outcome window. A window day is 24 hours, as the episode's opener adds it (an interval of
        // days would follow the session time zone's daylight saving). Sums are exact numeric, converted to float8 once.
        await using var sum = dataSource.CreateCommand(
            """
            SELECT playbook_version, arm, control_reason,
                   count(*) FILTER (WHERE NOT pending) AS customers,
                   count(*) FILTER (WHERE pending) AS pending,
                   count(*) FILTER (WHERE retained) AS successes,
                   COALESCE(sum(r) FILTER (WHERE NOT pending), 0)::float8,
                   COALESCE(sum(r * r) FILTER (WHERE NOT pending), 0)::float8,
                   COALESCE(sum(x) FILTER (WHERE NOT pending), 0)::float8,
                   COALESCE(sum(x * x) FILTER (WHERE NOT pending), 0)::float8,
                   COALESCE(sum(r * x) FILTER (WHERE NOT pending), 0)::float8
              FROM (SELECT e.playbook_version, e.arm, e.control_reason,
                           e.revenue_in_window AS r, e.pre_period_revenue AS x,
                           w.retained, NOT w.retained AND w.ends_at > @asOf AS pending
                      FROM retention_episodes e
                      JOIN playbook_versions v ON v.playbook_id = e.playbook_id AND v.version = e.playbook_version
                      CROSS JOIN LATERAL (SELECT e.opened_at + make_interval(hours => 24 * (v.definition ->> 'outcomeWindowDays')::int) AS ends_at) t
                      CROSS JOIN LATERAL (SELECT t.ends_at, COALESCE(e.goal_at <= t.ends_at, false) AS retained) w
                     WHERE e.playbook_id = @playbook AND (@version::integer IS NULL OR e.playbook_version = @version)) episodes
             GROUP BY playbook_version, arm, control_reason
             ORDER BY playbook_version, arm, control_reason
            """);
        sum.Parameters.AddWithValue("playbook", playbookId);
        sum.Parameters.Add(new NpgsqlParameter<int?>("version", NpgsqlDbType.Integer) { TypedValue = version });
        sum.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        await using var reader = await sum.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<EpisodeOutcomeSums>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            double successes = reader.GetInt64(5);
            rows.Add(new EpisodeOutcomeSums(
                reader.GetInt32(0),
                RetentionNames.ParseArm(reader.GetString(1)),
                reader.IsDBNull(2) ? null : RetentionNames.ParseControlReason(reader.GetString(2)),
                reader.GetInt64(3),
                reader.GetInt64(4),
                new ArmSums(successes, successes, reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10))));
        }

        return rows;
    }

    public async Task<IReadOnlyList<DueStep>> DueStepsAsync(string customerKey, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand(
            """
            SELECT episode_id, step_index, step_id, channel, due_at FROM retention_schedule
             WHERE customer_key = @customer AND due_at <= @asOf ORDER BY due_at, episode_id, step_index
            """);
        read.Parameters.AddWithValue("customer", customerKey);
        read.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var steps = new List<DueStep>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            steps.Add(new DueStep(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return steps;
    }

    public Task<int> DecideStepsAsync(IReadOnlyList<StepDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return decisions.Count == 0
            ? Task.FromResult(0)
            : _commits.RunAsync((connection, transaction) => DecideAsync(decisions, connection, transaction, cancellationToken));
    }

    private static async Task<int> DecideAsync(
        IReadOnlyList<StepDecision> decisions, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var decision in decisions)
            {
                var record = decision.Record;
                var insert = new NpgsqlBatchCommand(
                    """
                    INSERT INTO retention_actions (episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """);
                insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = record.EpisodeId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.StepId });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Channel });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.DueAt.ToUniversalTime() });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RetentionNames.Of(record.Decision) });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Reason });
                insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.IdempotencyKey });
                insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.DecidedAt.ToUniversalTime() });
                batch.BatchCommands.Add(insert);

                var schedule = decision.DeferUntil is { } until
                    ? new NpgsqlBatchCommand("UPDATE retention_schedule SET due_at = $3, claimed_until = NULL WHERE episode_id = $1 AND step_index = $2")
                    : new NpgsqlBatchCommand("DELETE FROM retention_schedule WHERE episode_id = $1 AND step_index = $2");
                schedule.Parameters.Add(new NpgsqlParameter<long> { TypedValue = decision.Step.EpisodeId });
                schedule.Parameters.Add(new NpgsqlParameter<int> { TypedValue = decision.Step.StepIndex });
                if (decision.DeferUntil is { } deferred)
                {
                    schedule.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = deferred.ToUniversalTime() });
                }

                batch.BatchCommands.Add(schedule);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var added = 0;
            for (var i = 0; i < batch.BatchCommands.Count; i += 2)
            {
                added += batch.BatchCommands[i].RecordsAffected == 1 ? 1 : 0;
            }

            return added;
        }
    }

    public async Task<IReadOnlyList<string>> ClaimDueCustomersAsync(DateTimeOffset asOf, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var claim = dataSource.CreateCommand(
            """
            UPDATE retention_schedule s SET claimed_until = @until
              FROM (SELECT episode_id, step_index FROM retention_schedule
                     WHERE due_at <= @asOf AND (claimed_until IS NULL OR claimed_until <= @asOf)
                     ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED) due
             WHERE s.episode_id = due.episode_id AND s.step_index = due.step_index
            RETURNING s.customer_key
            """);
        claim.Parameters.AddWithValue("asOf", asOf.ToUniversalTime());
        claim.Parameters.AddWithValue("until", (asOf + lease).ToUniversalTime());
        claim.Parameters.AddWithValue("limit", limit);
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            customers.Add(reader.GetString(0));
        }

        return [.. customers];
    }

    public async Task<bool> TrySpendOfferAsync(DateOnly day, decimal amount, decimal limit, CancellationToken cancellationToken)
    {
        await using var spend = dataSource.CreateCommand(
            """
            INSERT INTO retention_offer_spend AS o (day, spent) SELECT @day, @amount WHERE @amount <= @limit
                ON CONFLICT (day) DO UPDATE SET spent = o.spent + excluded.spent WHERE o.spent + excluded.spent <= @limit
            """);
        spend.Parameters.AddWithValue("day", day);
        spend.Parameters.AddWithValue("amount", amount);
        spend.Parameters.AddWithValue("limit", limit);
        return await spend.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<decimal> OfferSpentAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand("SELECT spent FROM retention_offer_spend WHERE day = @day");
        read.Parameters.AddWithValue("day", day);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is decimal spent ? spent : 0m;
    }

    public async Task<IReadOnlyList<RetentionEpisode>> EpisodesOfCustomerAsync(string customerKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var episodes = new List<RetentionEpisode>();
        await using (var read = new NpgsqlCommand(
            $"SELECT {EpisodeColumns} FROM retention_episodes WHERE customer_key = @customer ORDER BY opened_at DESC, episode_id DESC", connection))
        {
            read.Parameters.AddWithValue("customer", customerKey);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                episodes.Add(ReadEpisode(reader));
            }
        }

        if (episodes.Count == 0)
        {
            return episodes;
        }

        var actions = new Dictionary<long, List<ActionRecord>>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT episode_id, step_id, channel, due_at, decision, reason, idempotency_key, decided_at, delivered_at
              FROM retention_actions WHERE episode_id = ANY(@episodes) ORDER BY due_at, action_id
            """, connection))
        {
            read.Parameters.AddWithValue("episodes", episodes.Select(e => e.EpisodeId).ToArray());
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var action = new ActionRecord
                {
                    EpisodeId = reader.GetInt64(0),
                    StepId = reader.GetString(1),
                    Channel = reader.GetString(2),
                    DueAt = reader.GetFieldValue<DateTimeOffset>(3),
                    Decision = RetentionNames.ParseDecision(reader.GetString(4)),
                    Reason = reader.GetString(5),
                    IdempotencyKey = reader.GetString(6),
                    DecidedAt = reader.GetFieldValue<DateTimeOffset>(7),
                    DeliveredAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                };
                if (!actions.TryGetValue(action.EpisodeId, out var list))
                {
                    actions[action.EpisodeId] = list = [];
                }

                list.Add(action);
            }
        }

        return [.. episodes.Select(e => actions.TryGetValue(e.EpisodeId, out var list) ? e with { Actions = list } : e)];
    }

    private static RetentionEpisode ReadEpisode(NpgsqlDataReader reader) => new()
    {
        EpisodeId = reader.GetInt64(0),
        CustomerKey = reader.GetString(1),
        PlaybookId = reader.GetString(2),
        PlaybookVersion = reader.GetInt32(3),
        Arm = RetentionNames.ParseArm(reader.GetString(4)),
        ControlReason = reader.IsDBNull(5) ? null : RetentionNames.ParseControlReason(reader.GetString(5)),
        FromBand = reader.IsDBNull(6) ? null : RetentionNames.ParseBand(reader.GetString(6)),
        ToBand = RetentionNames.ParseBand(reader.GetString(7)),
        CauseSequence = reader.GetInt64(8),
        OpenedAt = reader.GetFieldValue<DateTimeOffset>(9),
        OutcomeEndsAt = reader.GetFieldValue<DateTimeOffset>(10),
        ExitReason = reader.IsDBNull(11) ? null : RetentionNames.ParseExitReason(reader.GetString(11)),
        ExitedAt = reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
        GoalAt = reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        RevenueInWindow = reader.GetDecimal(14),
        PrePeriodRevenue = reader.GetDecimal(15),
    };

    public async Task<IReadOnlyList<SentAction>> SentSinceAsync(string customerKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var read = dataSource.CreateCommand(
            """
            SELECT channel, decided_at, source FROM (
                SELECT a.channel, a.decided_at, 'playbook:' || e.playbook_id || '@' || e.playbook_version || '#' || a.step_id AS source, a.action_id AS tie
                  FROM retention_episodes e JOIN retention_actions a ON a.episode_id = e.episode_id
                 WHERE e.customer_key = @customer AND a.decision = 'sent' AND a.decided_at >= @since
                UNION ALL
                -- Campaign sends count towards the same caps (migration 0016).
                SELECT r.definition ->> 'channel', m.decided_at, 'campaign:' || r.campaign_id, m.run_id
                  FROM campaign_members m JOIN campaign_runs r ON r.run_id = m.run_id
                 WHERE m.customer_key = @customer AND m.decision = 'sent' AND m.decided_at >= @since) sent
             ORDER BY decided_at, tie
            """);
        read.Parameters.AddWithValue("customer", customerKey);
        read.Parameters.AddWithValue("since", since.ToUniversalTime());
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sent = new List<SentAction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sent.Add(new SentAction(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2)));
        }

        return sent;
    }

    public ValueTask DisposeAsync() => _commits.DisposeAsync();
}
