using ChurnActors.Domain.Events;
using ChurnActors.Domain.Risk;
using ChurnActors.Domain.Scoring;
using ChurnActors.Grains.Retention;
using ChurnActors.Grains.Scoring;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Playbooks;
using ChurnActors.Retention.Policy;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Retention;
using ChurnActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace ChurnActors.Grains.Tests.Retention;

/// <summary>
/// A test cluster for retention: fake engine clock (starting at 10:00 UTC, outside the default quiet hours), the
/// <see cref="SilenceModel"/> as champion, in-memory playbook and episode stores, <see cref="RecordingDelivery"/>, no
/// global control group and a daily offer budget of <see cref="DailyOfferBudget"/>. Tests apply their own playbooks
/// and remove them when done (<see cref="UsePlaybooksAsync"/>).
/// </summary>
public sealed class RetentionClusterFixture : IAsyncLifetime
{
    public const decimal DailyOfferBudget = 50m;

    public static readonly DateTimeOffset Start = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Clock => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public IEventLog EventLog => Services.GetRequiredService<IEventLog>();

    public IEpisodeStore Episodes => Services.GetRequiredService<IEpisodeStore>();

    public IPlaybookStore Playbooks => Services.GetRequiredService<IPlaybookStore>();

    public RecordingDelivery Delivery => Services.GetRequiredService<RecordingDelivery>();

    public FixedSuppressionList Suppression => Services.GetRequiredService<FixedSuppressionList>();

    public RetentionStepRunner Runner => Services.GetRequiredService<RetentionStepRunner>();

    private IServiceProvider Services =>
        (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The test silo is not in process.")).SiloHost.Services;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        UseModel(SilenceModelSnapshot);
    }

    /// <summary>The silence model: P(churn) = sigmoid(0.1 * days of silence - 4).</summary>
    public static ModelSnapshot SilenceModelSnapshot { get; } = SilenceModel.Snapshot();

    /// <summary>A version of the silence model that scores every customer high: sigmoid(0.1 * days + 4).</summary>
    public static ModelSnapshot AlarmedModel { get; } = SilenceModel.Snapshot("alarmed") with
    {
        Linear = SilenceModel.Snapshot().Linear! with { Bias = 4f },
    };

    /// <summary>Makes <paramref name="snapshot"/> the silo's model.</summary>
    public void UseModel(ModelSnapshot snapshot) => Services.GetRequiredService<ScoringModels>().UseTrained(new TrainedChurnModel(snapshot));

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Applies the playbooks and makes them the enabled ones; disposing deletes them again.</summary>
    public async Task<IAsyncDisposable> UsePlaybooksAsync(params PlaybookDefinition[] playbooks)
    {
        foreach (var playbook in playbooks)
        {
            await Playbooks.ApplyAsync(playbook, CancellationToken.None);
        }

        await Services.GetRequiredService<ActivePlaybooks>().RefreshAsync(CancellationToken.None);
        return new Removal(this, [.. playbooks.Select(p => p.Id)]);
    }

    /// <summary>Appends an event for the customer to the log and returns it as logged, ready for the grain.</summary>
    public async Task<LoggedEvent[]> LogAsync(string customer, CustomerEvent customerEvent)
    {
        var incoming = new IncomingEvent("test", Guid.NewGuid().ToString("N"), null, null, customerEvent);
        await EventLog.AppendAsync([incoming], CancellationToken.None);
        var logged = await EventLog.ReadCustomerAsync(customer, 0, 10_000, CancellationToken.None);
        return [logged[^1]];
    }

    /// <summary>A page view at <paramref name="at"/>.</summary>
    public static CustomerEvent Page(string customer, DateTimeOffset at) =>
        new(CallType.Page, "Home", at, at, customer, null, CommerceDetails.None);

    /// <summary>An order of <paramref name="amount"/> at <paramref name="at"/>.</summary>
    public static CustomerEvent Order(string customer, DateTimeOffset at, decimal amount) =>
        new(CallType.Track, EcommerceEvents.OrderCompleted, at, at, customer, null, new CommerceDetails(Guid.NewGuid().ToString("N"), amount, null, []));

    /// <summary>A playbook entering <paramref name="to"/> with webhook steps to <c>crm</c> on the email channel.</summary>
    public static PlaybookDefinition Playbook(string id, int priority = 0, double holdout = 0, RiskBand to = RiskBand.High, params string[] delays) => new()
    {
        Id = id,
        Name = id,
        Priority = priority,
        Holdout = holdout,
        Entry = new PlaybookEntry { To = to },
        Steps = [.. (delays.Length == 0 ? ["0"] : delays).Select((delay, i) => new PlaybookStep
        {
            Id = "s" + i,
            Delay = delay,
            Action = new PlaybookAction { Type = PlaybookActionType.Webhook, Endpoint = "crm" },
        })],
    };

    private sealed class Removal(RetentionClusterFixture fixture, string[] ids) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var id in ids)
            {
                await fixture.Playbooks.DeleteAsync(id, CancellationToken.None);
            }

            await fixture.Services.GetRequiredService<ActivePlaybooks>().RefreshAsync(CancellationToken.None);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddCustomerGrains(new FakeTimeProvider(Start));
            siloBuilder.Services.Configure<ControlGroupOptions>(o => o.GlobalShare = 0);
            siloBuilder.Services.Configure<ContactPolicyOptions>(o => o.DailyOfferBudget = DailyOfferBudget);
        }
    }
}
