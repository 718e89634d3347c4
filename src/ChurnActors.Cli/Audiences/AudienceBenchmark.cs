using System.Diagnostics;
using ChurnActors.Storage;
using ChurnActors.Storage.Audiences;
using Npgsql;

namespace ChurnActors.Cli.Audiences;

/// <summary>
/// Times audiences over a projection of many customers: creates a fresh database on the server, applies the
/// migrations, loads <see cref="AudienceBenchData"/> by binary COPY, vacuums and analyses the tables (as autovacuum
/// would after a load), then for each <see cref="AudienceBenchShape"/> runs one warm-up and then <c>runs</c> counts and
/// <c>runs</c> full previews through <see cref="AudienceStore"/>, each timed from the call to its answer.
/// </summary>
internal sealed class AudienceBenchmark(string serverConnectionString, int customers, int runs, int seed, bool keep, TextWriter progress)
{
    /// <summary>The figure the issue sets: counting an audience over 1,000,000 customers takes at most 1 s.</summary>
    public const double TargetCountMs = 1000;

    public async Task<AudienceBenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = LoadAverage();
        var name = $"churnactors_bench_audiences_{started:yyyyMMddHHmmss}_{Guid.NewGuid().ToString("N")[..6]}";
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, CommandTimeout = 0 }.ConnectionString;
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"", cancellationToken).ConfigureAwait(false);
        try
        {
            await Migrator.ApplyAsync(connectionString, cancellationToken: cancellationToken).ConfigureAwait(false);
            await progress.WriteLineAsync($"loading {customers:N0} customers into {name} ...").ConfigureAwait(false);
            var loading = Stopwatch.GetTimestamp();
            long transitions;
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                transitions = await AudienceBenchData.LoadAsync(connection, customers, seed, started, cancellationToken).ConfigureAwait(false);
                foreach (var table in new[] { "customer_scores", "band_transitions" })
                {
                    await using var vacuum = new NpgsqlCommand($"VACUUM ANALYZE {table}", connection);
                    await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            var loadSeconds = Stopwatch.GetElapsedTime(loading).TotalSeconds;
            await progress.WriteLineAsync($"loaded {customers:N0} customers and {transitions:N0} band transitions in {loadSeconds:0.0} s").ConfigureAwait(false);

            var rows = new List<AudienceBenchRow>();
            await using (var dataSource = NpgsqlDataSource.Create(connectionString))
            {
                var store = new AudienceStore(dataSource, TimeProvider.System);
                foreach (var shape in AudienceBenchShape.Representative)
                {
                    rows.Add(await TimeAsync(store, shape, cancellationToken).ConfigureAwait(false));
                    await progress.WriteLineAsync($"timed {shape.Name}").ConfigureAwait(false);
                }
            }

            return new AudienceBenchReport(
                $"bench audiences --customers {customers} --runs {runs} --seed {seed}",
                keep ? name : "(dropped)",
                started,
                customers,
                transitions,
                Math.Round(loadSeconds, 1),
                runs,
                TargetCountMs,
                Environment.ProcessorCount,
                loadBefore,
                LoadAverage(),
                keep,
                rows);
        }
        finally
        {
            if (!keep)
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<AudienceBenchRow> TimeAsync(AudienceStore store, AudienceBenchShape shape, CancellationToken cancellationToken)
    {
        var read = AudienceReader.Read(shape.Filter);
        var filter = read.Filter ?? throw new InvalidOperationException($"Benchmark audience {shape.Name} is invalid: {string.Join("; ", read.Problems)}");
        var count = await store.CountAsync(filter, cancellationToken).ConfigureAwait(false);
        await store.PreviewAsync(filter, cancellationToken).ConfigureAwait(false);

        var counts = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.CountAsync(filter, cancellationToken).ConfigureAwait(false);
            counts.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var previews = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await store.PreviewAsync(filter, cancellationToken).ConfigureAwait(false);
            previews.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new AudienceBenchRow(
            shape.Name,
            shape.Filter,
            count,
            Math.Round(Median(counts), 1),
            Math.Round(counts.Max(), 1),
            Math.Round(Median(previews), 1),
            Math.Round(previews.Max(), 1),
            counts.Max() <= TargetCountMs);
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The 1, 5 and 15 minute load averages on Linux (how busy the machine was), else null.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
