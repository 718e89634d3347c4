using ChurnActors.Grains;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// A real Orleans test cluster with the customer grains, the in-memory event log (not wired to a dispatcher, so
/// tests decide what reaches a grain) and small write-behind thresholds.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int MaxPendingEvents = 5;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The event log the silo's grains read from.</summary>
    public IEventLog EventLog => SiloServices.GetRequiredService<IEventLog>();

    public AppliedWatermark Watermark => SiloServices.GetRequiredService<AppliedWatermark>();

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
            siloBuilder.AddCustomerGrains(TimeProvider.System);
            siloBuilder.Services.Configure<WriteBehindOptions>(o =>
            {
                o.MaxPendingEvents = MaxPendingEvents;
                o.MaxDelay = TimeSpan.FromMilliseconds(300);
            });
        }
    }
}
