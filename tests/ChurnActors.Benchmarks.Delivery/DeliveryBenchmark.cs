using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ChurnActors.Retention.Delivery;
using ChurnActors.Silo.Hosting;
using ChurnActors.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Npgsql;

namespace ChurnActors.Benchmarks.Delivery;

/// <summary>
/// Starts the host on a fresh PostgreSQL database and a webhook receiver (Kestrel on 127.0.0.1, answering 204), enqueues
/// N actions through <see cref="IActionDelivery"/> while the host's Hangfire server delivers them, and reports
/// deliveries per second from the first enqueue to the last delivery, plus any duplicate POST.
/// <code>dotnet run -c Release --project tests/ChurnActors.Benchmarks.Delivery -- [--actions N] [--workers W] [--poll-ms P] [--pool P] [--enqueuers E] [--enqueue-only 1]</code>
/// </summary>
internal static class DeliveryBenchmark
{
    private const string Database = "churnactors_delivery_bench";
    private const string Secret = "whsec_bench_0123456789abcdef";

    public static async Task<int> RunAsync(string[] args)
    {
        var actions = IntOption(args, "--actions", 20_000);
        // Defaults: the host's own (ChurnActors:Retention:Delivery), and 128 callers enqueueing at once.
        var workers = IntOption(args, "--workers", 16);
        var pollMs = IntOption(args, "--poll-ms", 500);
        var pool = IntOption(args, "--pool", 12);
        var enqueuers = IntOption(args, "--enqueuers", 128);

        // --enqueue-only 1: no Hangfire server, to measure enqueueing alone.
        var enqueueOnly = IntOption(args, "--enqueue-only", 0) == 1;
        var adminConnection = Environment.GetEnvironmentVariable("ConnectionStrings__ChurnActors")
            ?? "Host=127.0.0.1;Port=5432;Username=churnactors;Password=churnactors;Database=churnactors;SSL Mode=Disable";
        var connection = new NpgsqlConnectionStringBuilder(adminConnection) { Database = Database }.ConnectionString;
        await RecreateDatabaseAsync(adminConnection).ConfigureAwait(false);
        await Migrator.ApplyAsync(connection).ConfigureAwait(false);

        var received = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var receivedCount = 0;
        var lastDelivery = new Stopwatch();
        var receiver = await StartReceiverAsync(received, () =>
        {
            if (Interlocked.Increment(ref receivedCount) == actions)
            {
                lastDelivery.Stop();
            }
        }).ConfigureAwait(false);

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ChurnActors"] = connection,
            ["ChurnActors:Retention:Endpoints:bench:Url"] = receiver.Url,
            ["ChurnActors:Retention:Endpoints:bench:Secret"] = Secret,
            ["ChurnActors:Retention:Delivery:WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture),
            ["ChurnActors:Retention:Delivery:PoolSize"] = pool.ToString(CultureInfo.InvariantCulture),
            ["ChurnActors:Retention:Delivery:QueuePollInterval"] = TimeSpan.FromMilliseconds(pollMs).ToString("c", CultureInfo.InvariantCulture),
            ["ChurnActors:Retention:Delivery:RunServer"] = enqueueOnly ? "false" : "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var app = ChurnActorsApp.Build(["--urls", "http://127.0.0.1:0"], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync().ConfigureAwait(false);
        try
        {
            var delivery = app.Services.GetRequiredService<IActionDelivery>();
            var load = await File.ReadAllTextAsync("/proc/loadavg").ConfigureAwait(false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            lastDelivery.Start();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, actions),
                new ParallelOptions { MaxDegreeOfParallelism = enqueuers },
                async (i, cancellationToken) => await delivery.EnqueueAsync(Action(i), notBefore: null, cancellationToken).ConfigureAwait(false))
                .ConfigureAwait(false);
            var enqueued = clock.Elapsed;
            if (enqueueOnly)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"enqueued {actions:N0} in {enqueued.TotalSeconds:F2} s ({actions / enqueued.TotalSeconds:N0}/s), process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s"));
                return 0;
            }

            var deadline = TimeSpan.FromMinutes(10);
            while (Volatile.Read(ref receivedCount) < actions && clock.Elapsed < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            var total = lastDelivery.Elapsed;
            var hostCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var duplicates = received.Values.Sum(v => v - 1);
            Console.WriteLine($"load average before the run: {load.Trim()}");
            Console.WriteLine("| actions | workers | queue poll ms | pool | enqueue s | enqueued/s | first enqueue to last delivery s | deliveries/s | duplicates | process CPU s |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {actions:N0} | {workers} | {pollMs} | {pool} | {enqueued.TotalSeconds:F2} | {actions / enqueued.TotalSeconds:N0} | {total.TotalSeconds:F2} | {receivedCount / total.TotalSeconds:N0} | {duplicates} | {hostCpu.TotalSeconds:F1} |"));
            if (receivedCount < actions)
            {
                await Console.Error.WriteLineAsync($"Only {receivedCount:N0} of {actions:N0} actions were delivered within {deadline.TotalMinutes:F0} minutes.").ConfigureAwait(false);
                return 1;
            }

            return duplicates == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            await receiver.App.StopAsync().ConfigureAwait(false);
            await receiver.App.DisposeAsync().ConfigureAwait(false);
            NpgsqlConnection.ClearAllPools();
            await DropDatabaseAsync(adminConnection).ConfigureAwait(false);
        }
    }

    private static WebhookAction Action(int i)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"bench:{i}");
        return new WebhookAction(key, "bench", new RetentionActionPayload
        {
            ActionKey = key,
            CustomerId = string.Create(CultureInfo.InvariantCulture, $"customer-{i}"),
            PlaybookId = "win-back",
            PlaybookVersion = 1,
            EpisodeId = string.Create(CultureInfo.InvariantCulture, $"episode-{i}"),
            StepId = "step-1",
            Arm = "treatment",
            Score = 0.8,
            Band = "high",
            Drivers = ["days_since_last_order", "orders_90d", "sessions_30d"],
            Clv = new ActionClv(250, 0.5, 0.6),
            Recommendations = [new ActionRecommendation("category", "shoes", 0.6), new ActionRecommendation("product", "sku-123")],
            Offer = new ActionOffer("WB-" + i.ToString(CultureInfo.InvariantCulture), 10m, "EUR"),
            DecidedAt = DateTimeOffset.UtcNow,
        });
    }

    private static async Task<(WebApplication App, string Url)> StartReceiverAsync(ConcurrentDictionary<string, int> received, Action onFirst)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            // Read the body, as a receiver verifying the signature would.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
            var key = request.Headers["Idempotency-Key"].ToString();
            if (received.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
            {
                onFirst();
            }

            return Results.NoContent();
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, address + "/hook");
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
}
