using System.Diagnostics;
using System.Globalization;
using ChurnActors.Abstractions;
using ChurnActors.Domain.Events;
using ChurnActors.Domain.Features;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Silo.Hosting;
using ChurnActors.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChurnActors.Benchmarks.Sweep;

/// <summary>
/// The inactivity sweep end to end, in one process: a real silo with the PostgreSQL wake-up index (on a database of
/// its own, created and dropped here), N resident dormant customers (one event each, 20-80 days ago), and every one
/// of their wake-ups due. Measures how long one sweep takes to claim, wake and rescore them all and write their next
/// wake-ups. Grain state writes are switched off: only the sweep is measured.
/// <code>dotnet run -c Release --project tests/ChurnActors.Benchmarks.Sweep -- [--customers N]</code>
/// </summary>
internal static class SweepBenchmark
{
    private const string Database = "churnactors_bench_sweep";

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = IntOption(args, "--customers", 100_000);
        var parallelism = IntOption(args, "--parallelism", 0);
        var batch = IntOption(args, "--batch", 0);
        var adminConnection = Environment.GetEnvironmentVariable("ConnectionStrings__ChurnActors")
            ?? "Host=127.0.0.1;Port=5432;Username=churnactors;Password=churnactors;Database=churnactors;SSL Mode=Disable";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = Database, MaxPoolSize = 30 }.ConnectionString;
        await RecreateDatabaseAsync(adminConnection).ConfigureAwait(false);
        await Migrator.ApplyAsync(connection).ConfigureAwait(false);

        var modelFile = Path.Combine(Path.GetTempPath(), $"churnactors-sweep-model-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(modelFile, ModelSnapshotJson.Serialize(SilenceModel())).ConfigureAwait(false);
        var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:ChurnActors"] = connection,
                ["ChurnActors:WriteBehind:Enabled"] = "false",
                ["ChurnActors:WakeUps:Enabled"] = "false",
                ["ChurnActors:Scoring:ModelFile"] = modelFile,
                ["Logging:LogLevel:Default"] = "Warning",
            };
        if (parallelism > 0)
        {
            settings["ChurnActors:WakeUps:Parallelism"] = parallelism.ToString(CultureInfo.InvariantCulture);
        }

        if (batch > 0)
        {
            settings["ChurnActors:WakeUps:BatchSize"] = batch.ToString(CultureInfo.InvariantCulture);
        }

        var app = ChurnActorsApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var grains = app.Services.GetRequiredService<IGrainFactory>();
            var now = DateTimeOffset.UtcNow;
            var seed = Stopwatch.StartNew();
            var seeded = 0;
            await Parallel.ForEachAsync(
                Enumerable.Range(0, customers),
                new ParallelOptions { MaxDegreeOfParallelism = 256 },
                async (i, _) =>
                {
                    var at = now.AddDays(-20 - (i % 61));
                    var message = new LoggedEvent(i + 1L, Key(i), new CustomerEvent(CallType.Page, "Home", at, at, Key(i), null, CommerceDetails.None), 0);
                    await grains.GetGrain<IUserGrain>(Key(i)).ApplyAsync([message]).ConfigureAwait(false);
                    if (Interlocked.Increment(ref seeded) % 100_000 == 0)
                    {
                        await Console.Error.WriteLineAsync($"seeded {seeded:N0}/{customers:N0} customers").ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
            seed.Stop();
            GC.Collect();
            var managedBytes = GC.GetTotalMemory(forceFullCollection: true);
            var workingSet = Environment.WorkingSet;

            await using (var dataSource = NpgsqlDataSource.Create(connection))
            {
                // The grains write their own wake-ups behind the seeding; making every customer due while those writes
                // still land would have the two upserts lock the same rows in different orders (a deadlock). Wait
                // until the index has settled, then make them due in one statement.
                await WaitForWakeUpsToSettleAsync(dataSource).ConfigureAwait(false);
                await using var due = dataSource.CreateCommand(
                    "INSERT INTO customer_wakeups (customer_key, due_at) SELECT 'dormant-' || g, $1 - make_interval(secs => g % 3600) FROM generate_series(0, $2 - 1) g ON CONFLICT (customer_key) DO UPDATE SET due_at = EXCLUDED.due_at");
                due.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
                due.Parameters.Add(new NpgsqlParameter<int> { TypedValue = customers });
                await due.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            var sweeper = app.Services.GetRequiredService<WakeUpSweeper>();
            var sweep = Stopwatch.StartNew();
            var woken = await sweeper.SweepOnceAsync(CancellationToken.None).ConfigureAwait(false);
            sweep.Stop();

            Console.WriteLine("| customers | seeding s | managed heap MB | working set MB | sweep s | customers woken/s | failed |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {customers:N0} | {seed.Elapsed.TotalSeconds:F1} | {managedBytes / 1048576.0:F0} | {workingSet / 1048576.0:F0} | {sweep.Elapsed.TotalSeconds:F1} | {woken / sweep.Elapsed.TotalSeconds:N0} | {sweeper.Failed} |"));
            return woken == customers && sweeper.Failed == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            File.Delete(modelFile);
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync(adminConnection).ConfigureAwait(false);
        }
    }

    private static string Key(int i) => string.Create(CultureInfo.InvariantCulture, $"dormant-{i}");

    /// <summary>P(churn) = sigmoid(0.1 x days since the last event - 4): risk that grows with silence only.</summary>
    private static ModelSnapshot SilenceModel()
    {
        var weights = new float[FeatureSchema.Length];
        weights[(int)FeatureId.DaysSinceLastEvent] = 0.1f;
        return new ModelSnapshot
        {
            Name = "silence",
            Version = "bench",
            Kind = ModelKind.Linear,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            Linear = new LinearModel { Weights = weights, Bias = -4f, Reference = new double[FeatureSchema.Length] },
            Calibration = ModelCalibration.Platt(-1, 0),
            ScoreQuantiles = [.. Enumerable.Range(0, 101).Select(i => -4 + (i * 0.08))],
        };
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task RecreateDatabaseAsync(string adminConnection)
    {
        await DropDatabaseAsync(adminConnection).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", connection);
        await create.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task DropDatabaseAsync(string adminConnection)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Until the number of wake-ups stays the same for two seconds in a row (at most two minutes).</summary>
    private static async Task WaitForWakeUpsToSettleAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM customer_wakeups");
        var last = -1L;
        var stable = 0;
        var waited = Stopwatch.StartNew();
        while (stable < 2 && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            var now = (long)(await count.ExecuteScalarAsync().ConfigureAwait(false))!;
            stable = now == last ? stable + 1 : 0;
            last = now;
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }
}
