using Npgsql;

namespace ChurnActors.Storage.Tests.Audiences;

/// <summary>Writes test rows into <c>customer_scores</c> and <c>band_transitions</c>.</summary>
internal static class ScoreRows
{
    public static async Task ReplaceAsync(NpgsqlDataSource dataSource, IEnumerable<ScoreRow> rows, IEnumerable<(string Key, long Sequence, DateTimeOffset At, string To)> transitions)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var clear = new NpgsqlCommand("DELETE FROM band_transitions; DELETE FROM customer_scores;", connection, transaction))
        {
            await clear.ExecuteNonQueryAsync();
        }

        foreach (var row in rows)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO customer_scores (customer_key, status, band, probability, percentile, horizon_days, clv_value, p_alive,
                    expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country, time_zone,
                    model_version, scored_at, band_since, last_event_at, last_sequence, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 1, now())
                """,
                connection,
                transaction);
            object?[] values =
            [
                row.Key, row.Status, row.Band, row.Probability, row.Percentile, row.HorizonDays, row.Clv, row.PAlive,
                row.ExpectedPurchases, row.Orders, row.NetRevenue, row.FirstOrderAt?.UtcDateTime, row.LastOrderAt?.UtcDateTime,
                row.TopCategory, row.Country, row.TimeZone, row.ModelVersion, row.ScoredAt?.UtcDateTime, row.BandSince?.UtcDateTime,
                row.LastEventAt?.UtcDateTime,
            ];
            foreach (var value in values)
            {
                insert.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = TypeOfNull(insert.Parameters.Count) } : new NpgsqlParameter { Value = value });
            }

            await insert.ExecuteNonQueryAsync();
        }

        foreach (var (key, sequence, at, to) in transitions)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO band_transitions (customer_key, cause_sequence, at, to_band) VALUES ($1, $2, $3, $4)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = sequence });
            insert.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = to });
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static NpgsqlTypes.NpgsqlDbType TypeOfNull(int index) => index switch
    {
        3 or 4 or 5 or 6 or 7 or 8 => NpgsqlTypes.NpgsqlDbType.Double,
        11 or 12 or 17 or 18 or 19 => NpgsqlTypes.NpgsqlDbType.TimestampTz,
        _ => NpgsqlTypes.NpgsqlDbType.Text,
    };
}
