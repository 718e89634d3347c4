using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Grains.WakeUps;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Scores;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// A test cluster whose engine clock is a <see cref="FakeTimeProvider"/> the tests move on, with an in-memory event
/// log and wake-up index; tests load the hand-made <see cref="Testing.SilenceModel"/>.
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

    public InMemoryScoreProjection Projection => SiloServices.GetRequiredService<InMemoryScoreProjection>();

    public OutageScoreProjection ProjectionOutage => SiloServices.GetRequiredService<OutageScoreProjection>();

    private IServiceProvider SiloServices =>
        (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test silo is not in process.")).SiloHost.Services;

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
            siloBuilder.AddCustomerGrains(new FakeTimeProvider(Start));
            siloBuilder.Services.AddSingleton<WakeUpSweeper>();
            siloBuilder.Services.Configure<WakeUpOptions>(o => o.RecheckAfter = TimeSpan.FromDays(30));
        }
    }
}
