using System.Data.Common;
using ChurnActors.Grains;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Metrics;
using ChurnActors.Grains.Models;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Grains.Storage;
using ChurnActors.Silo.Admin;
using ChurnActors.Silo.Ingest;
using ChurnActors.Silo.Models;
using ChurnActors.Storage;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Models;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace ChurnActors.Silo.Hosting;

/// <summary>Composes the host: options, storage, the event log, the Orleans silo and the ingest pipeline.</summary>
public static class ChurnActorsHosting
{
    /// <summary>Command-line switch for <see cref="StorageMode.InMemory"/>.</summary>
    public const string InMemorySwitch = "--in-memory";

    /// <param name="builder">The host builder.</param>
    /// <param name="inMemory">The <c>--in-memory</c> switch was given: no PostgreSQL, nothing durable.</param>
    public static WebApplicationBuilder AddChurnActors(this WebApplicationBuilder builder, bool inMemory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (inMemory)
        {
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Mode)}"] = nameof(StorageMode.InMemory);
        }

        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName);
        services.AddOptions<WriteBehindOptions>().BindConfiguration(WriteBehindOptions.SectionName)
            .Validate(o => o.MaxPendingEvents >= 1 && o.MaxConcurrentWrites >= 1 && o.MaxDelay > TimeSpan.Zero && o.MaxDelayJitter is >= 0 and < 1,
                $"{WriteBehindOptions.SectionName}: MaxPendingEvents and MaxConcurrentWrites must be at least 1, MaxDelay positive and MaxDelayJitter from 0 up to (not including) 1.")
            .ValidateOnStart();
        services.AddOptions<NodeOptions>().BindConfiguration(NodeOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name) && o.CheckpointInterval > TimeSpan.Zero && o.RecoveryParallelism >= 1 && o.DeliveryParallelism >= 1
                      && o.MaxDispatchBacklog >= 1 && o.MaxAdmissionWait > TimeSpan.Zero,
                $"{NodeOptions.SectionName}: Name must be set (keep it stable across restarts), CheckpointInterval positive, RecoveryParallelism, DeliveryParallelism and MaxDispatchBacklog at least 1, MaxAdmissionWait positive.")
            .ValidateOnStart();
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WriteKeys>();
        services.AddSingleton<AppliedWatermark>();
        services.AddSingleton<RecoveryStatus>();
        services.AddSingleton<WriteThrottle>();
        services.AddSingleton<PipelineMetrics>();
        services.AddOptions<ScoringOptions>().BindConfiguration(ScoringOptions.SectionName)
            .Validate(o => o.LifetimeFitDelay >= TimeSpan.Zero && o.LifetimeFitRetry > TimeSpan.Zero && o.LifetimeFitInterval > TimeSpan.Zero,
                $"{ScoringOptions.SectionName}: LifetimeFitDelay must not be negative, LifetimeFitRetry and LifetimeFitInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<WakeUpOptions>().BindConfiguration(WakeUpOptions.SectionName)
            .Validate(o => o.IsValid(), $"{WakeUpOptions.SectionName}: SweepInterval, Lease, SearchHorizon and RecheckAfter must be positive, BatchSize and Parallelism at least 1.")
            .ValidateOnStart();
        services.AddSingleton<ScoringModels>();
        services.AddSingleton<IngestHandler>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        services.AddSingleton<AdminKeys>();
        services.AddOptions<ModelCoordinatorOptions>().BindConfiguration(ModelCoordinatorOptions.SectionName)
            .Validate(o => o.IsValid(), $"{ModelCoordinatorOptions.SectionName}: RetrainPeriod must be at least one minute (Orleans reminders), " +
                "RetrainAfterEvents and PushAttempts at least 1, PushTimeout positive.")
            .ValidateOnStart();
        services.AddOptions<ModelTrainingOptions>().BindConfiguration(ModelTrainingOptions.SectionName)
            .Validate(o => o.IsValid(), $"{ModelTrainingOptions.SectionName}: Horizon and Step must be positive, Cutoffs and Trees at least 1.")
            .ValidateOnStart();
        services.AddModelCoordination();

        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var connectionString = storage.Mode == StorageMode.PostgreSql ? RequireConnectionString(builder.Configuration) : null;
        if (storage.GrainStatePoolSize < 1)
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:{nameof(StorageOptions.GrainStatePoolSize)} must be at least 1 (it is {storage.GrainStatePoolSize}).");
        }

        if (connectionString is null)
        {
            services.PostConfigure<WriteBehindOptions>(o => o.Enabled = false);
            services.AddSingleton<IEventLog>(sp => new InMemoryEventLog(sp.GetRequiredService<GrainDispatcher>()));
            services.AddSingleton<IWakeUpIndex, InMemoryWakeUpIndex>();
            services.AddSingleton<IModelRegistry, InMemoryModelRegistry>();
        }
        else
        {
            DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddSingleton<IEventLog>(sp => new PostgresEventLog(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<GrainDispatcher>(),
                sp.GetRequiredService<ILogger<PostgresEventLog>>()));
            services.AddSingleton<IWakeUpIndex>(sp => new PostgresWakeUpIndex(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<ILogger<PostgresWakeUpIndex>>()));
            services.AddSingleton<IModelRegistry>(sp => new PostgresModelRegistry(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));

            // Registered after AddModelCoordination's default, so the coordinator retrains from the event log.
            services.AddSingleton<IModelTrainer>(sp => new EventLogModelTrainer(
                connectionString,
                sp.GetRequiredService<IOptions<ModelTrainingOptions>>(),
                sp.GetRequiredService<ILogger<EventLogModelTrainer>>()));
        }

        var endpoints = builder.Configuration.GetSection(SiloEndpointOptions.SectionName).Get<SiloEndpointOptions>() ?? new SiloEndpointOptions();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(endpoints.SiloPort, endpoints.GatewayPort);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "churnactors";
                o.ServiceId = "churnactors";
            });
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorage(StorageNames.CustomerStore, o => o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer());
                silo.UseInMemoryReminderService();
            }
            else
            {
                // The project's own reminder SQL (migration 0007) fulfils the provider's query contract.
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(StorageNames.CustomerStore, o =>
                {
                    o.Invariant = "Npgsql";
                    o.ConnectionString = GrainStateConnectionString(connectionString, storage.GrainStatePoolSize);
                    o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
                });
            }

            // Grains use the store through the new-customer shortcut (no state read for a customer's first event).
            silo.AddNewCustomerStorage(StorageNames.Customers, StorageNames.CustomerStore);
        });

        // After the silo: these call grains once it runs.
        services.AddSingleton<GrainDispatcher>();
        services.AddSingleton<ICommittedEventSink>(sp => sp.GetRequiredService<GrainDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<GrainDispatcher>());
        services.AddHostedService<CheckpointService>();
        services.AddSingleton<LifetimeFitService>();
        services.AddHostedService(sp => sp.GetRequiredService<LifetimeFitService>());
        services.AddSingleton<WakeUpSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<WakeUpSweeper>());
        return builder;
    }

    /// <summary>Checks (or, when configured, applies) the schema before the host starts serving.</summary>
    public static async Task PrepareStorageAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChurnActors.Startup");
        var keys = app.Services.GetRequiredService<WriteKeys>();
        if (keys.Count == 0)
        {
            HostingLog.NoWriteKeys(logger, IngestOptions.WriteKeyEnvironmentVariable);
        }

        if (storage.Mode == StorageMode.InMemory)
        {
            HostingLog.InMemory(logger);
            return;
        }

        var connectionString = RequireConnectionString(app.Configuration);
        try
        {
            if (storage.MigrateOnStart)
            {
                await Migrator.ApplyAsync(connectionString, m => HostingLog.MigrationApplied(logger, m.Version, m.Name)).ConfigureAwait(false);
                return;
            }

            var pending = await Migrator.PendingAsync(connectionString).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database has {pending.Count} pending migration(s) (first: {pending[0].Version:D4} {pending[0].Name}). " +
                    "Run `churnactors db migrate` (or start with ChurnActors:Storage:MigrateOnStart=true).");
            }
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"Cannot reach PostgreSQL with ConnectionStrings:ChurnActors ({ex.Message}). Start the database " +
                "(deploy/local/run.sh does it for you) or run with --in-memory for a non-durable look.", ex);
        }
    }

    private static string RequireConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:ChurnActors (environment variable " +
                "ConnectionStrings__ChurnActors), e.g. \"Host=127.0.0.1;Username=churnactors;Password=...;Database=churnactors\", " +
                "or start with --in-memory (nothing durable).");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = StorageOptions.DefaultMaxPoolSize;
        }

        // The engine never leaves session state behind on a pooled connection, so skip the reset round trip (and
        // keep the server's cached plans, which DISCARD ALL would throw away on every grain state write).
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // The engine sends the same few statements all day (grain state reads and writes through Orleans ADO.NET, the
        // log writer's, the wake-up index's): prepared once per connection, they skip parsing and planning each time.
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = StorageOptions.DefaultMaxAutoPrepare;
        }

        // Short statements only: JIT compilation costs far more than it saves on them (over a second on the log
        // writer's customer lookup when the planner's estimate crosses the JIT threshold).
        builder.Options = AppendServerOption(builder.Options, "-c jit=off");
        return builder.ConnectionString;
    }

    /// <summary>
    /// Grain state commits need not wait for their WAL flush: the applied watermark that claims them persisted is
    /// checkpointed later with a synchronous commit, which flushes the WAL up to and including every grain state
    /// commit before it. A crash can lose only grain writes newer than the last checkpoint, and recovery replays
    /// exactly those events from the log. The pool has its own, small cap (<see cref="StorageOptions.GrainStatePoolSize"/>).
    /// </summary>
    private static string GrainStateConnectionString(string connectionString, int poolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = poolSize };
        builder.Options = AppendServerOption(builder.Options, "-c synchronous_commit=off");
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Operators (pg_stat_activity) and the benchmarks tell the grain state pool from the log writer's.
            builder.ApplicationName = "churnactors grain state";
        }

        return builder.ConnectionString;
    }

    private static string AppendServerOption(string? options, string option) =>
        string.IsNullOrWhiteSpace(options) ? option : options + " " + option;
}
