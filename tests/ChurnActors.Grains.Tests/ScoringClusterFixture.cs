using ChurnActors.Domain.Features;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// A test cluster whose engine clock is a <see cref="FakeTimeProvider"/> the tests move on, with an in-memory event
/// log and wake-up index, and a hand-made linear churn model whose risk grows only with silence:
/// P(churn) = sigmoid(0.1 x days since last event - 4), so the medium band (0.4) starts after about 35.9 silent days
/// and the high band (0.7) after about 48.5.
/// </summary>
public sealed class ScoringClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Clock => (FakeTimeProvider)SiloServices.GetRequiredService<TimeProvider>();

    public IEventLog EventLog => SiloServices.GetRequiredService<IEventLog>();

    public ScoringModels Models => SiloServices.GetRequiredService<ScoringModels>();

    public IWakeUpIndex WakeUps => SiloServices.GetRequiredService<IWakeUpIndex>();

    public WakeUpSweeper Sweeper => SiloServices.GetRequiredService<WakeUpSweeper>();

    private IServiceProvider SiloServices =>
        (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test silo is not in process.")).SiloHost.Services;

    /// <summary>The silence model described above, as a snapshot over the engine's feature schema.</summary>
    public static ModelSnapshot SilenceModel(string version = "1")
    {
        var weights = new float[FeatureSchema.Length];
        weights[(int)FeatureId.DaysSinceLastEvent] = 0.1f;
        return new ModelSnapshot
        {
            Name = "silence",
            Version = version,
            Kind = ModelKind.Linear,
            FeatureNames = [.. FeatureSchema.Features.Select(f => f.Name)],
            Linear = new LinearModel { Weights = weights, Bias = -4f, Reference = new double[FeatureSchema.Length] },
            Calibration = ModelCalibration.Platt(-1, 0),
            ScoreQuantiles = [.. Enumerable.Range(0, 101).Select(i => -4 + (i * 0.08))],
        };
    }

    public static double SilenceProbability(double silentDays) => 1 / (1 + Math.Exp(-((0.1 * silentDays) - 4)));

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddMemoryGrainStorage(StorageNames.Customers, o => o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer());
            siloBuilder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Start));
            siloBuilder.Services.AddSingleton<ICommittedEventSink, NoDispatch>();
            siloBuilder.Services.AddSingleton<IEventLog>(sp => new InMemoryEventLog(sp.GetRequiredService<ICommittedEventSink>()));
            siloBuilder.Services.AddSingleton<AppliedWatermark>();
            siloBuilder.Services.AddSingleton<WriteThrottle>();
            siloBuilder.Services.AddSingleton<ScoringModels>();
            siloBuilder.Services.AddSingleton<IWakeUpIndex, InMemoryWakeUpIndex>();
            siloBuilder.Services.AddSingleton<WakeUpSweeper>();
            siloBuilder.Services.Configure<WakeUpOptions>(o => o.RecheckAfter = TimeSpan.FromDays(30));
        }
    }

    private sealed class NoDispatch : ICommittedEventSink
    {
        public void Committed(IReadOnlyList<Domain.Events.LoggedEvent> batch)
        {
        }
    }
}
