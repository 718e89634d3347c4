using Npgsql;
using NpgsqlTypes;

namespace ChurnActors.Cli.Audiences;

/// <summary>
/// Fills <c>customer_scores</c> and <c>band_transitions</c> of an empty database with a realistic spread, by binary
/// COPY: 85% scored (probability skewed low, so about 56% low, 24% medium and 20% high), 10% with too little data, 5%
/// never ordered; log-normal CLV and revenue, geometric order counts, last orders further back for riskier customers,
/// Zipf-weighted categories, ten countries with their time zones, two model versions; and 0 to 4 band transitions per
/// scored customer over the last 90 days, the last one into the current band at <c>band_since</c>. Seeded: the same
/// seed gives the same rows (relative to <c>now</c>).
/// </summary>
internal static class AudienceBenchData
{
    private static readonly string[] Categories =
        ["shoes", "bags", "dresses", "tops", "jeans", "accessories", "sportswear", "outerwear", "beauty", "home", "kids", "sale"];

    private static readonly (string Country, string TimeZone, double Weight)[] Countries =
    [
        ("DE", "Europe/Berlin", 0.30), ("FR", "Europe/Paris", 0.15), ("GB", "Europe/London", 0.15), ("NL", "Europe/Amsterdam", 0.08),
        ("IT", "Europe/Rome", 0.07), ("ES", "Europe/Madrid", 0.07), ("AT", "Europe/Vienna", 0.06), ("CH", "Europe/Zurich", 0.05),
        ("PL", "Europe/Warsaw", 0.04), ("US", "America/New_York", 0.03),
    ];

    private static readonly string[] Bands = ["low", "medium", "high"];

    /// <summary>Writes <paramref name="customers"/> customers and their transitions; returns the number of transitions.</summary>
    public static async Task<long> LoadAsync(NpgsqlConnection connection, int customers, int seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var categoryWeights = Categories.Select((_, k) => 1.0 / (k + 1)).ToArray();
        var transitions = new List<(string Key, long Sequence, DateTime At, string? From, string To, double Probability)>();
        var nowUtc = now.UtcDateTime;

        await using (var scores = await connection.BeginBinaryImportAsync(
            "COPY customer_scores (customer_key, status, band, probability, percentile, horizon_days, clv_value, p_alive, " +
            "expected_purchases_90d, orders, net_revenue, first_order_at, last_order_at, top_category, country, time_zone, " +
            "model_version, scored_at, band_since, last_event_at, last_sequence, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < customers; i++)
            {
                var key = "c" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                var kind = random.NextDouble();
                var (country, timeZone, _) = Pick(random, Countries, c => c.Weight);
                var category = Categories[PickIndex(random, categoryWeights)];
                await scores.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                if (kind >= 0.95)
                {
                    // Never ordered: seen (a visit, a sign-up) but nothing to score.
                    await scores.WriteAsync("not-scored", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await Nulls(scores, 7, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(0m, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                    await Nulls(scores, 3, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(country, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(timeZone, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await Nulls(scores, 3, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(nowUtc.AddDays(-random.NextDouble() * 60), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(1L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(nowUtc, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (kind >= 0.85)
                {
                    // One order so far: too little data to score.
                    var orderedAt = nowUtc.AddDays(-random.NextDouble() * 60);
                    await scores.WriteAsync("insufficient-data", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await Nulls(scores, 7, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(Money(random, 3.5), NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(orderedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(orderedAt, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(category, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(country, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(timeZone, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await Nulls(scores, 3, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(orderedAt.AddDays(random.NextDouble() * (nowUtc - orderedAt).TotalDays), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(5L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await scores.WriteAsync(nowUtc, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var probability = Math.Pow(random.NextDouble(), 1.6);
                var band = probability >= 0.7 ? 2 : probability >= 0.4 ? 1 : 0;
                var orders = 2 + (int)(-Math.Log(1 - random.NextDouble()) * 3);
                var clv = Math.Round(Math.Exp(4.5 + Gaussian(random)) * (1 - (probability * 0.5)), 2);
                var pAlive = Math.Clamp(1 - probability + (Gaussian(random) * 0.05), 0, 1);
                var firstAgo = 60 + (random.NextDouble() * 1440);
                var lastAgo = Math.Min(firstAgo, (probability * 200 * (0.5 + random.NextDouble())) + (random.NextDouble() * 10));
                var lastOrder = nowUtc.AddDays(-lastAgo);
                var bandSince = nowUtc.AddDays(-Math.Min(firstAgo, -Math.Log(1 - random.NextDouble()) * 45));

                // The band history over the last 90 days: the last transition is into the current band, at band_since.
                var count = random.Next(0, 5);
                if (count > 0)
                {
                    var times = Enumerable.Range(0, count).Select(_ => nowUtc.AddDays(-random.NextDouble() * 90)).Order().ToArray();
                    var bands = new int[count];
                    bands[count - 1] = band;
                    for (var t = count - 2; t >= 0; t--)
                    {
                        bands[t] = (bands[t + 1] + 1 + random.Next(0, 2)) % 3;
                    }

                    for (var t = 0; t < count; t++)
                    {
                        transitions.Add((key, 10L * (t + 1), times[t], t == 0 ? null : Bands[bands[t - 1]], Bands[bands[t]], t == count - 1 ? probability : random.NextDouble()));
                    }

                    bandSince = times[^1];
                }

                await scores.WriteAsync("scored", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(Bands[band], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(probability, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(Math.Clamp((probability * 100) + (Gaussian(random) * 3), 0, 100), NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(90.0, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(clv, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(pAlive, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(Math.Round(pAlive * orders * 0.3, 3), NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(orders, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(Money(random, 3.5) * orders, NpgsqlDbType.Numeric, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(nowUtc.AddDays(-firstAgo), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(lastOrder, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(category, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(country, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(timeZone, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(random.NextDouble() < 0.9 ? "churn-v7" : "churn-v6", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(nowUtc.AddDays(-random.NextDouble()), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(bandSince, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(lastOrder.AddDays(random.NextDouble() * lastAgo), NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(orders * 7L, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await scores.WriteAsync(nowUtc, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            }

            await scores.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var history = await connection.BeginBinaryImportAsync(
            "COPY band_transitions (customer_key, cause_sequence, at, from_band, to_band, probability) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false))
        {
            foreach (var (key, sequence, at, from, to, probability) in transitions)
            {
                await history.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await history.WriteAsync(key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await history.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await history.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
                if (from is null)
                {
                    await history.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await history.WriteAsync(from, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                }

                await history.WriteAsync(to, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await history.WriteAsync(probability, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            }

            await history.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return transitions.Count;
    }

    private static async Task Nulls(NpgsqlBinaryImporter importer, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static decimal Money(Random random, double mu) => Math.Round((decimal)Math.Exp(mu + (Gaussian(random) * 0.6)), 2);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int PickIndex(Random random, double[] weights)
    {
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static T Pick<T>(Random random, T[] items, Func<T, double> weight) => items[PickIndex(random, [.. items.Select(weight)])];
}
