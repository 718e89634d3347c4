using System.Globalization;
using System.Text;
using ChurnActors.Domain.Events;
using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Silo.Console.Data;

/// <summary>
/// The console's reads of the projection (<c>customer_scores</c>, <c>band_transitions</c>) and of the event log, on
/// the host's pool. Every statement is parameterised; the at-risk list pages by keyset over the projection's indexes.
/// In the in-memory mode there is no database: <see cref="Available"/> is false and the pages say so.
/// </summary>
public sealed class ConsoleReader(IServiceProvider services)
{
    /// <summary>Days of band changes the overview charts.</summary>
    public const int TransitionDays = 90;

    private const int PropertiesShown = 400;

    private const string RowColumns =
        "customer_key, status, band, probability, clv_value, value_at_risk, band_since, top_category, country, last_event_at, model_version, updated_at";

    private readonly NpgsqlDataSource? _dataSource = services.GetService<NpgsqlDataSource>();

    /// <summary>Whether the host keeps its data in PostgreSQL, where the projection lives.</summary>
    public bool Available => _dataSource is not null;

    private NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The console reads the score projection in PostgreSQL; this host runs in memory.");

    public async Task<OverviewFigures> OverviewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bands = new Dictionary<string, (long Customers, double Value)>(StringComparer.Ordinal);
        var histogram = new long[OverviewFigures.HistogramBins];
        long unscored = 0;

        // One pass over the projection gives the band counts, the value at risk and the histogram together.
        await using (var command = DataSource.CreateCommand(
            """
            SELECT band,
                   CASE WHEN probability IS NULL THEN 0 ELSE least(width_bucket(probability, 0, 1, $1), $1) END AS bin,
                   count(*), coalesce(sum(value_at_risk), 0)
            FROM customer_scores
            GROUP BY 1, 2
            """))
        {
            command.Parameters.AddWithValue(OverviewFigures.HistogramBins);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var count = reader.GetInt64(2);
                var bin = reader.GetInt32(1);
                if (reader.IsDBNull(0))
                {
                    unscored += count;
                    continue;
                }

                var band = reader.GetString(0);
                bands.TryGetValue(band, out var sum);
                bands[band] = (sum.Customers + count, sum.Value + reader.GetDouble(3));
                if (bin > 0)
                {
                    histogram[bin - 1] += count;
                }
            }
        }

        var since = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(TransitionDays - 1));
        var days = new Dictionary<DateOnly, long[]>();
        await using (var command = DataSource.CreateCommand(
            """
            SELECT (at AT TIME ZONE 'UTC')::date AS day, to_band, count(*)
            FROM band_transitions
            WHERE at >= $1
            GROUP BY 1, 2
            """))
        {
            command.Parameters.AddWithValue(since);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var day = DateOnly.FromDateTime(reader.GetDateTime(0));
                if (!days.TryGetValue(day, out var counts))
                {
                    days[day] = counts = new long[3];
                }

                counts[BandIndex(reader.GetString(1))] += reader.GetInt64(2);
            }
        }

        var first = DateOnly.FromDateTime(since.UtcDateTime);
        var transitions = Enumerable.Range(0, TransitionDays)
            .Select(i => first.AddDays(i))
            .Select(d => days.TryGetValue(d, out var c) ? new TransitionDay(d, c[0], c[1], c[2]) : new TransitionDay(d, 0, 0, 0))
            .ToList();
        return new OverviewFigures(
            [.. Bands.All.Select(b => bands.TryGetValue(b, out var f) ? new BandFigure(b, f.Customers, f.Value) : new BandFigure(b, 0, 0))],
            unscored,
            histogram,
            transitions,
            now);
    }

    /// <summary>The top categories present in the projection (a loose index scan: one index probe per category).</summary>
    public async Task<IReadOnlyList<string>> TopCategoriesAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            """
            WITH RECURSIVE categories AS (
                SELECT min(top_category) AS category FROM customer_scores
                UNION ALL
                SELECT (SELECT min(top_category) FROM customer_scores WHERE top_category > c.category)
                FROM categories c WHERE c.category IS NOT NULL
            )
            SELECT category FROM categories WHERE category IS NOT NULL LIMIT 200
            """);
        var categories = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            categories.Add(reader.GetString(0));
        }

        return categories;
    }

    /// <summary>
    /// One page of scored customers in the query's order. The order's column and the customer key make the keyset:
    /// the next page starts strictly after the cursor, with the sort value's bound as an index condition, so no page
    /// reads the rows of the pages before it.
    /// </summary>
    public async Task<AtRiskPage> AtRiskAsync(AtRiskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Each order's index, and where it keeps nulls: value_at_risk's index puts them last, band_since's first. Rows
        // without the value are left out (`IS NOT NULL` is an index condition, so a scan skips them rather than
        // reading and filtering them), and the ORDER BY names the index's null order so the index serves it.
        var (column, nullsLast) = query.Sort switch
        {
            AtRiskSort.ValueAtRisk => ("value_at_risk", true),
            AtRiskSort.BandSince => ("band_since", false),
            _ => ("probability", false),
        };

        var sql = new StringBuilder($"SELECT {RowColumns} FROM customer_scores s WHERE probability IS NOT NULL");
        var parameters = new List<NpgsqlParameter>();
        string Next(object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return "$" + parameters.Count.ToString(CultureInfo.InvariantCulture);
        }

        if (query.Sort != AtRiskSort.Probability)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} IS NOT NULL");
        }

        if (query.Band is { } band)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND band = {Next(band, NpgsqlDbType.Text)}");
        }

        if (query.TopCategory is { } category)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND top_category = {Next(category, NpgsqlDbType.Text)}");
        }

        if (query.MinProbability is { } min)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND probability >= {Next(min, NpgsqlDbType.Double)}");
        }

        if (query.After is { } after)
        {
            var (value, type) = query.Sort == AtRiskSort.BandSince
                ? ((object)(after.Time ?? DateTimeOffset.MaxValue), NpgsqlDbType.TimestampTz)
                : (after.Number ?? double.MaxValue, NpgsqlDbType.Double);
            var v = Next(value, type);
            var k = Next(after.CustomerKey, NpgsqlDbType.Text);

            // The indexes are (column DESC, customer_key): after (v, k) means a lower value, or the same value and a
            // higher key. The redundant `column <= v` is what the index scan starts from.
            sql.Append(CultureInfo.InvariantCulture, $" AND {column} <= {v} AND ({column} < {v} OR customer_key > {k})");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {column} DESC{(nullsLast ? " NULLS LAST" : "")}, customer_key LIMIT {Next(query.PageSize + 1, NpgsqlDbType.Integer)}");

        await using var command = DataSource.CreateCommand(sql.ToString());
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        var rows = new List<AtRiskRow>(query.PageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(ReadRow(reader));
            }
        }

        if (rows.Count <= query.PageSize)
        {
            return new AtRiskPage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        var next = query.Sort switch
        {
            AtRiskSort.ValueAtRisk => new AtRiskCursor(last.ValueAtRisk, null, last.CustomerKey),
            AtRiskSort.BandSince => new AtRiskCursor(null, last.BandSince, last.CustomerKey),
            _ => new AtRiskCursor(last.Probability, null, last.CustomerKey),
        };
        return new AtRiskPage(rows, next);
    }

    /// <summary>The customer's row of the projection, or null when the projection has none.</summary>
    public async Task<AtRiskRow?> CustomerRowAsync(string customerKey, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand($"SELECT {RowColumns} FROM customer_scores WHERE customer_key = $1");
        command.Parameters.AddWithValue(customerKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRow(reader) : null;
    }

    /// <summary>The customer's latest events in the log, newest first.</summary>
    public async Task<IReadOnlyList<TimelineEvent>> LatestEventsAsync(string customerKey, int limit, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            """
            SELECT seq, call_type, event_name, occurred_at, properties FROM events
            WHERE customer_hash = hashtextextended($1, 0) AND customer_key = $1
            ORDER BY seq DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(customerKey);
        command.Parameters.AddWithValue(limit);
        var events = new List<TimelineEvent>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var properties = reader.IsDBNull(4) ? null : reader.GetString(4);
            if (properties is { Length: > PropertiesShown })
            {
                properties = properties[..PropertiesShown] + " …";
            }

            events.Add(new TimelineEvent(
                reader.GetInt64(0),
                ((CallType)reader.GetInt16(1)).ToString().ToLowerInvariant(),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                properties));
        }

        return events;
    }

    /// <summary>The customer's band changes, newest first.</summary>
    public async Task<IReadOnlyList<BandChange>> BandChangesAsync(string customerKey, int limit, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            """
            SELECT at, from_band, to_band, probability, cause_sequence FROM band_transitions
            WHERE customer_key = $1 ORDER BY at DESC, cause_sequence DESC LIMIT $2
            """);
        command.Parameters.AddWithValue(customerKey);
        command.Parameters.AddWithValue(limit);
        var changes = new List<BandChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new BandChange(
                reader.GetFieldValue<DateTimeOffset>(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetDouble(3),
                reader.GetInt64(4)));
        }

        return changes;
    }

    private static AtRiskRow ReadRow(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetDouble(3),
        reader.IsDBNull(4) ? null : reader.GetDouble(4),
        reader.IsDBNull(5) ? null : reader.GetDouble(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetFieldValue<DateTimeOffset>(11));

    private static int BandIndex(string band) => band switch
    {
        "low" => 0,
        "medium" => 1,
        _ => 2,
    };
}
