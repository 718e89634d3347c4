using System.Data.Common;
using ChurnActors.Grains.Models;
using ChurnActors.Grains.Scoring;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Models;
using ChurnActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.TestingHost;

namespace ChurnActors.Grains.Tests.Models;

/// <summary>
/// A two-silo test cluster sharing one real PostgreSQL database: the model registry, the event log and the Orleans
/// ADO.NET reminders (the project's own SQL) live there, every silo runs the model coordination (silo-key placement,
/// champion loader) and the coordinator trains with <see cref="SilenceTrainer"/>.
/// </summary>
public sealed class ModelPushClusterFixture : IAsyncLifetime
{
    public const long RetrainAfterEvents = 5;
    private const string ConnectionStringKey = "ModelPushTests:ConnectionString";
    private const string RefusePushesKey = "ModelPushTests:RefusePushes";

    private readonly PostgresDatabaseFixture _database = new();
    private NpgsqlDataSource? _dataSource;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The registry, on the cluster's database.</summary>
    public IModelRegistry Registry { get; private set; } = null!;

    /// <summary>The event log the silos read, on the cluster's database.</summary>
    public IEventLog EventLog => Services(Cluster.Primary!).GetRequiredService<IEventLog>();

    /// <summary>Each running silo's address and the models it scores with.</summary>
    public IReadOnlyList<(SiloAddress Silo, ScoringModels Models)> SiloModels =>
        [.. Cluster.GetActiveSilos().Select(s => (s.SiloAddress, Services(s).GetRequiredService<ScoringModels>()))];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        Registry = new PostgresModelRegistry(_dataSource, TimeProvider.System);
        var builder = new TestClusterBuilder(2);
        builder.Properties[ConnectionStringKey] = _database.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        await _dataSource!.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Starts one more silo whose model holder refuses every push (it stands for a silo that is failing).</summary>
    public Task<SiloHandle> StartRefusingSiloAsync() =>
        Cluster.StartSiloAsync(
            Cluster.Silos.Max(s => s.InstanceNumber) + 1,
            Cluster.Options,
            [new MemoryConfigurationSource { InitialData = new Dictionary<string, string?> { [RefusePushesKey] = "true" } }]);

    public static IServiceProvider Services(SiloHandle silo) =>
        (silo as InProcessSiloHandle ?? throw new InvalidOperationException("The test silo is not in process.")).SiloHost.Services;

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]
                ?? throw new InvalidOperationException($"The test cluster did not pass {ConnectionStringKey} to its silos.");
            DbProviderFactories.RegisterFactory("Npgsql", NpgsqlFactory.Instance);
            siloBuilder.AddCustomerGrains(TimeProvider.System);
            siloBuilder.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });

            var services = siloBuilder.Services;
            services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
            services.AddEventLog(sp => new PostgresEventLog(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<ICommittedEventSink>(),
                sp.GetRequiredService<ILogger<PostgresEventLog>>()));
            services.AddSingleton<IModelRegistry>(sp => new PostgresModelRegistry(sp.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System));
            services.AddSingleton<IModelTrainer, SilenceTrainer>();
            services.Configure<ModelCoordinatorOptions>(o =>
            {
                o.RetrainAfterEvents = RetrainAfterEvents;
                o.PushTimeout = TimeSpan.FromSeconds(2);
            });
            services.AddModelCoordination();
            if (siloBuilder.Configuration[RefusePushesKey] == "true")
            {
                siloBuilder.AddIncomingGrainCallFilter<RefusePushes>();
            }
        }
    }

    private sealed class RefusePushes : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod?.Name == nameof(Abstractions.ISiloModelGrain.UseModelAsync)
                ? throw new InvalidOperationException("This test silo refuses model pushes.")
                : context.Invoke();
    }
}
