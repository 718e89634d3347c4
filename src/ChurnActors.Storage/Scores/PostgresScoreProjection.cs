using System.Text.Json;
using Npgsql;

namespace ChurnActors.Storage.Scores;

/// <summary>
/// The projection in PostgreSQL (migration 0014). Each call is one statement over arrays (<c>unnest</c>), so a batch
/// of thousands of customers costs one round trip. Rows and transitions are derived data that a replay writes again,
/// so the commits do not wait for their WAL flush.
/// </summary>
public sealed class PostgresScoreProjection(NpgsqlDataSource dataSource) : IScoreProjection
{
    private const string AsynchronousCommit = "SET LOCAL synchronous_commit = off";

    private const string Upsert =
        """
        INSERT INTO customer_scores (
            customer_key, status, band, probability, percentile, horizon_days, drivers, clv_value, p_alive,
            expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country, time_zone,
            model_version, scored_at, band_since, last_event_at, last_sequence, updated_at)
        SELECT r.customer_key, r.status, r.band, r.probability, r.percentile, r.horizon_days, r.drivers::jsonb, r.clv_value,
               r.p_alive, r.expected_purchases_90d, r.orders, r.net_revenue, r.first_order_at, r.last_order_at,
               r.top_category, r.country, r.time_zone, r.model_version, r.scored_at, r.band_since, r.last_event_at,
               r.last_sequence, r.updated_at
        FROM unnest(
            $1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::text[], $8::float8[],
            $9::float8[], $10::float8[], $11::int4[], $12::numeric[], $13::timestamptz[], $14::timestamptz[], $15::text[],
            $16::text[], $17::text[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[], $22::int8[],
            $23::timestamptz[])
            AS r(customer_key, status, band, probability, percentile, horizon_days, drivers, clv_value, p_alive,
                 expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country,
                 time_zone, model_version, scored_at, band_since, last_event_at, last_sequence, updated_at)
        ON CONFLICT (customer_key) DO UPDATE SET
            status = EXCLUDED.status, band = EXCLUDED.band, probability = EXCLUDED.probability,
            percentile = EXCLUDED.percentile, horizon_days = EXCLUDED.horizon_days, drivers = EXCLUDED.drivers,
            clv_value = EXCLUDED.clv_value, p_alive = EXCLUDED.p_alive,
            expected_purchases_90d = EXCLUDED.expected_purchases_90d, orders = EXCLUDED.orders,
            net_revenue = EXCLUDED.net_revenue, first_order_at = EXCLUDED.first_order_at,
            last_order_at = EXCLUDED.last_order_at, top_category = EXCLUDED.top_category, country = EXCLUDED.country,
            time_zone = EXCLUDED.time_zone, model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at,
            band_since = EXCLUDED.band_since, last_event_at = EXCLUDED.last_event_at,
            last_sequence = EXCLUDED.last_sequence, updated_at = EXCLUDED.updated_at
        WHERE customer_scores.last_sequence <= EXCLUDED.last_sequence
        """;

    // The first transition of a customer in a batch is compared with the customer's stored history; the next ones
    // were compared with their predecessor in the batch before the statement (see AppendTransitionsAsync).
    private const string Append =
        """
        INSERT INTO band_transitions (customer_key, cause_sequence, at, from_band, to_band, probability)
        SELECT t.customer_key, t.cause_sequence, t.at, t.from_band, t.to_band, t.probability
        FROM unnest($1::text[], $2::int8[], $3::timestamptz[], $4::text[], $5::text[], $6::float8[], $7::bool[])
            AS t(customer_key, cause_sequence, at, from_band, to_band, probability, first_in_batch)
        WHERE NOT t.first_in_batch
           OR (SELECT b.to_band FROM band_transitions b
                WHERE b.customer_key = t.customer_key AND b.cause_sequence <= t.cause_sequence
                ORDER BY b.cause_sequence DESC, b.at DESC
                LIMIT 1) IS DISTINCT FROM t.to_band
        ON CONFLICT (customer_key, cause_sequence, to_band) DO NOTHING
        """;

    private const string SelectRow =
        """
        SELECT customer_key, status, band, probability, percentile, horizon_days, drivers::text, clv_value, p_alive,
               expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country, time_zone,
               model_version, scored_at, band_since, last_event_at, last_sequence, updated_at
        FROM customer_scores WHERE customer_key = $1
        """;

    private const string SelectTransitions =
        """
        SELECT customer_key, cause_sequence, at, from_band, to_band, probability
        FROM band_transitions WHERE customer_key = $1
        ORDER BY cause_sequence, at
        """;

    public async Task UpsertAsync(IReadOnlyList<ScoreRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);

        // One statement cannot update a row twice: the newest row of each customer goes.
        var latest = new Dictionary<string, ScoreRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!latest.TryGetValue(row.CustomerKey, out var kept) || kept.LastSequence <= row.LastSequence)
            {
                latest[row.CustomerKey] = row;
            }
        }

        if (latest.Count == 0)
        {
            return;
        }

        var batch = latest.Values.ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(new NpgsqlBatchCommand(AsynchronousCommit));
        var upsert = new NpgsqlBatchCommand(Upsert);
        var p = upsert.Parameters;
        p.Add(Array(batch, r => r.CustomerKey));
        p.Add(Array(batch, r => r.Status));
        p.Add(Array(batch, r => r.Band));
        p.Add(Array(batch, r => Finite(r.Probability)));
        p.Add(Array(batch, r => Finite(r.Percentile)));
        p.Add(Array(batch, r => Finite(r.HorizonDays)));
        p.Add(Array(batch, r => JsonSerializer.Serialize(r.Drivers)));
        p.Add(Array(batch, r => Finite(r.ClvValue)));
        p.Add(Array(batch, r => Finite(r.PAlive)));
        p.Add(Array(batch, r => Finite(r.ExpectedPurchases90d)));
        p.Add(Array(batch, r => r.Orders));
        p.Add(Array(batch, r => r.NetRevenue));
        p.Add(Array(batch, r => Utc(r.FirstOrderAt)));
        p.Add(Array(batch, r => Utc(r.LastOrderAt)));
        p.Add(Array(batch, r => r.TopCategory));
        p.Add(Array(batch, r => r.Country));
        p.Add(Array(batch, r => r.TimeZone));
        p.Add(Array(batch, r => r.ModelVersion));
        p.Add(Array(batch, r => Utc(r.ScoredAt)));
        p.Add(Array(batch, r => Utc(r.BandSince)));
        p.Add(Array(batch, r => Utc(r.LastEventAt)));
        p.Add(Array(batch, r => r.LastSequence));
        p.Add(Array(batch, r => r.UpdatedAt.UtcDateTime));
        command.BatchCommands.Add(upsert);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendTransitionsAsync(IReadOnlyList<BandTransition> transitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transitions);

        // Within the batch, a customer's transition to the band its previous one went to changes nothing; the first of
        // each customer is compared with the stored history by the statement.
        var kept = new List<BandTransition>(transitions.Count);
        var first = new List<bool>(transitions.Count);
        var previous = new Dictionary<string, BandTransition>(StringComparer.Ordinal);
        foreach (var transition in transitions)
        {
            if (previous.TryGetValue(transition.CustomerKey, out var before))
            {
                if (before.ToBand == transition.ToBand)
                {
                    continue;
                }

                first.Add(false);
            }
            else
            {
                first.Add(true);
            }

            previous[transition.CustomerKey] = transition;
            kept.Add(transition);
        }

        if (kept.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(new NpgsqlBatchCommand(AsynchronousCommit));
        var append = new NpgsqlBatchCommand(Append);
        append.Parameters.Add(Array(kept, t => t.CustomerKey));
        append.Parameters.Add(Array(kept, t => t.CauseSequence));
        append.Parameters.Add(Array(kept, t => t.At.UtcDateTime));
        append.Parameters.Add(Array(kept, t => t.FromBand));
        append.Parameters.Add(Array(kept, t => t.ToBand));
        append.Parameters.Add(Array(kept, t => Finite(t.Probability)));
        append.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. first] });
        command.BatchCommands.Add(append);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ScoreRow?> ReadAsync(string customerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        await using var command = dataSource.CreateCommand(SelectRow);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ScoreRow
        {
            CustomerKey = reader.GetString(0),
            Status = reader.GetString(1),
            Band = Text(reader, 2),
            Probability = Number(reader, 3),
            Percentile = Number(reader, 4),
            HorizonDays = Number(reader, 5),
            Drivers = JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? [],
            ClvValue = Number(reader, 7),
            PAlive = Number(reader, 8),
            ExpectedPurchases90d = Number(reader, 9),
            Orders = reader.GetInt32(10),
            NetRevenue = reader.GetDecimal(11),
            FirstOrderAt = Time(reader, 12),
            LastOrderAt = Time(reader, 13),
            TopCategory = Text(reader, 14),
            Country = Text(reader, 15),
            TimeZone = Text(reader, 16),
            ModelVersion = Text(reader, 17),
            ScoredAt = Time(reader, 18),
            BandSince = Time(reader, 19),
            LastEventAt = Time(reader, 20),
            LastSequence = reader.GetInt64(21),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(22),
        };
    }

    public async Task<IReadOnlyList<BandTransition>> ReadTransitionsAsync(string customerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customerKey);
        await using var command = dataSource.CreateCommand(SelectTransitions);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = customerKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var transitions = new List<BandTransition>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            transitions.Add(new BandTransition(
                reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2), Text(reader, 3), reader.GetString(4), Number(reader, 5)));
        }

        return transitions;
    }

    private static NpgsqlParameter<TValue[]> Array<TItem, TValue>(IReadOnlyList<TItem> items, Func<TItem, TValue> value)
    {
        var values = new TValue[items.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(items[i]);
        }

        return new NpgsqlParameter<TValue[]> { TypedValue = values };
    }

    /// <summary>NaN and infinities have no place in a queryable column: they are stored as unknown.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static DateTime? Utc(DateTimeOffset? value) => value?.UtcDateTime;

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? Number(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
