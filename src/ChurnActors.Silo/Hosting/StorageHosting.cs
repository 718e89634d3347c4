using System.Data.Common;
using ChurnActors.Grains;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Storage;
using ChurnActors.Silo.Ingest;
using ChurnActors.Storage;
using ChurnActors.Storage.Cluster;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Models;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChurnActors.Silo.Hosting;

/// <summary>
/// Where the engine keeps its data: PostgreSQL (the event log, the wake-up index, the model registry, Orleans grain
/// state and reminders, each on its pool from <see cref="ChurnDataSources"/>) or, in the in-memory mode, process memory.
/// </summary>
public static class StorageHosting
{
    /// <summary>
    /// Registers <see cref="StorageOptions"/>, the pools, the event log under each of its roles
    /// (<see cref="IEventLogWriter"/>, <see cref="IEventLogReader"/>, <see cref="ICheckpointStore"/>), the wake-up
    /// index, the model registry, and the silo's grain storage and reminder service.
    /// </summary>
    /// <exception cref="InvalidOperationException">PostgreSQL mode without a connection string, or a storage setting out of range.</exception>
    public static WebApplicationBuilder AddChurnStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<StorageOptions>(StorageOptions.SectionName);

        // Which providers to register depends on these settings, so they are checked here rather than at start.
        var storage = OptionsRegistration.Bind<StorageOptions>(builder.Configuration, StorageOptions.SectionName);
        if (storage.Mode == StorageMode.InMemory)
        {
            AddInMemory(builder);
        }
        else
        {
            AddPostgreSql(builder, RequireConnectionString(builder.Configuration), storage.GrainStatePoolSize);
        }

        // Grains use the store through the new-customer shortcut (no state read for a customer's first event).
        if (HostRoleOptions.IsApiRole(builder.Configuration))
        {
            // The dispatcher notes new customers for the grain storage of its own silo; an api process has none, so its
            // notes run out unused (they expire) and the silo's activation reads the stored state.
            builder.Services.TryAddSingleton<NewCustomerHints>();
        }
        else
        {
            builder.UseOrleans(silo => silo.AddNewCustomerStorage(StorageNames.Customers, StorageNames.CustomerStore));
        }

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

        var connectionString = ChurnDataSources.Host(RequireConnectionString(app.Configuration)).ConnectionString;
        try
        {
            if (storage.MigrateOnStart)
            {
                await Migrator.ApplyAsync(connectionString, m => HostingLog.MigrationApplied(logger, m.Version, m.Name)).ConfigureAwait(false);
            }
            else
            {
                var pending = await Migrator.PendingAsync(connectionString).ConfigureAwait(false);
                if (pending.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The database has {pending.Count} pending migration(s) (first: {pending[0].Version:D4} {pending[0].Name}). " +
                        "Run `churnactors db migrate` (or start with ChurnActors:Storage:MigrateOnStart=true).");
                }
            }

            // A node restarted after a crash: its previous process still shows in the membership table, and a silo
            // joining waits until it reaches every member it believes active. Marked dead now, it joins at once. An
            // api process is no member (its client only reads the table): nothing to retire.
            if (HostRoleOptions.IsApiRole(app.Configuration))
            {
                return;
            }

            var cluster = app.Services.GetRequiredService<IOptions<ChurnClusterOptions>>().Value;
            var node = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
            var retired = await MembershipTable.RetirePreviousProcessesAsync(connectionString, cluster.ClusterId, node.Name).ConfigureAwait(false);
            if (retired > 0)
            {
                HostingLog.PreviousProcessRetired(logger, node.Name, retired, cluster.ClusterId);
            }
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"Cannot reach PostgreSQL with ConnectionStrings:ChurnActors ({ex.Message}). Start the database " +
                "(deploy/local/run.sh does it for you) or run with --in-memory for a non-durable look.", ex);
        }
    }

    private static void AddInMemory(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.PostConfigure<WriteBehindOptions>(o => o.Enabled = false);
        services.AddEventLog(sp => new InMemoryEventLog(sp.GetRequiredService<GrainDispatcher>()));
        services.AddSingleton<IWakeUpIndex, InMemoryWakeUpIndex>();
        services.AddSingleton<IModelRegistry, InMemoryModelRegistry>();
        if (HostRoleOptions.IsApiRole(builder.Configuration))
        {
            return; // AddChurnSilo says why the api role needs PostgreSQL
        }

        builder.UseOrleans(silo =>
        {
            silo.AddMemoryGrainStorage(StorageNames.CustomerStore, o => o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer());
            silo.UseInMemoryReminderService();
        });
    }

    private static void AddPostgreSql(WebApplicationBuilder builder, string connectionString, int grainStatePoolSize)
    {
        var services = builder.Services;
        DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
        services.AddSingleton(_ => ChurnDataSources.Host(connectionString).Build());
        services.AddKeyedSingleton(ChurnDataSources.GrainState, (_, _) => ChurnDataSources.GrainStatePool(connectionString, grainStatePoolSize).Build());
        services.AddKeyedSingleton(ChurnDataSources.Training, (_, _) => ChurnDataSources.TrainingPool(connectionString).Build());
        services.AddEventLog(sp => new PostgresEventLog(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<GrainDispatcher>(),
            sp.GetRequiredService<ILogger<PostgresEventLog>>()));
        services.AddSingleton<IWakeUpIndex>(sp => new PostgresWakeUpIndex(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<ILogger<PostgresWakeUpIndex>>()));
        services.AddSingleton<IModelRegistry>(sp => new PostgresModelRegistry(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>()));

        // Orleans opens its connections from the host's pools (the providers' DataSource option); the pools stay
        // owned by the container, which disposes them at shutdown. An api process hosts no grains: no grain storage, no
        // reminders.
        if (HostRoleOptions.IsApiRole(builder.Configuration))
        {
            return;
        }

        builder.UseOrleans(silo =>
        {
            // The project's own reminder SQL (migration 0007) fulfils the provider's query contract.
            silo.UseAdoNetReminderService(options => options.Configure<NpgsqlDataSource>((o, dataSource) =>
            {
                o.Invariant = "Npgsql";
                o.DataSource = dataSource;
            }));
            silo.AddAdoNetGrainStorage(StorageNames.CustomerStore, options => options.Configure<IServiceProvider>((o, sp) =>
            {
                o.Invariant = "Npgsql";
                o.DataSource = sp.GetRequiredKeyedService<NpgsqlDataSource>(ChurnDataSources.GrainState);
                o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
            }));
        });
    }

    /// <summary>The PostgreSQL connection string, or a start failure that says what to set.</summary>
    internal static string RequireConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:ChurnActors (environment variable " +
                "ConnectionStrings__ChurnActors), e.g. \"Host=127.0.0.1;Username=churnactors;Password=...;Database=churnactors\", " +
                "or start with --in-memory (nothing durable).");
        }

        return connectionString;
    }
}
