using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Retention;
using ChurnActors.Grains.Tests.Retention;
using ChurnActors.Retention.Control;
using ChurnActors.Retention.Delivery;
using ChurnActors.Retention.Policy;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.Retention;
using ChurnActors.Storage.Scores;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// What every test silo needs for customer grains: memory grain storage, an in-memory event log that is not wired to
/// a dispatcher (tests decide what reaches a grain), the watermark, the scoring models, an in-memory wake-up index and
/// an in-memory score projection.
/// </summary>
internal static class CustomerSilo
{
    public static void AddCustomerGrains(this ISiloBuilder siloBuilder, TimeProvider time)
    {
        siloBuilder.AddMemoryGrainStorage(StorageNames.CustomerStore, o => o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer());
        siloBuilder.AddNewCustomerStorage(StorageNames.Customers, StorageNames.CustomerStore);
        siloBuilder.Services.AddSingleton(time);
        siloBuilder.Services.AddSingleton<ICommittedEventSink, NoDispatch>();
        siloBuilder.Services.AddEventLog(sp => new InMemoryEventLog(sp.GetRequiredService<ICommittedEventSink>()));
        siloBuilder.Services.AddSingleton<AppliedWatermark>();
        siloBuilder.Services.AddSingleton<WriteThrottle>();
        siloBuilder.Services.AddSingleton<ScoringModels>();
        siloBuilder.Services.AddSingleton<IWakeUpIndex, InMemoryWakeUpIndex>();
        siloBuilder.Services.AddSingleton<InMemoryScoreProjection>();
        siloBuilder.Services.AddSingleton<OutageScoreProjection>();
        siloBuilder.Services.AddSingleton(sp => new ScoreProjectionWriter(
            sp.GetRequiredService<OutageScoreProjection>(),
            new ScoreProjectionOptions { FlushInterval = TimeSpan.FromMilliseconds(10), RetryDelay = TimeSpan.FromMilliseconds(100), WaitLimit = TimeSpan.FromSeconds(1) },
            TimeProvider.System,
            sp.GetRequiredService<ILogger<ScoreProjectionWriter>>()));
        siloBuilder.Services.AddRetention();
    }

    /// <summary>
    /// Retention on in-memory stores with <see cref="RecordingDelivery"/>; tests configure the policy and control
    /// options and call <see cref="ActivePlaybooks.RefreshAsync"/> and <see cref="RetentionStepRunner.RunOnceAsync"/>.
    /// </summary>
    public static void AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<IPlaybookStore>(sp => new InMemoryPlaybookStore(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEpisodeStore>(sp => new InMemoryEpisodeStore(sp.GetRequiredService<IPlaybookStore>()));
        services.AddSingleton<RecordingDelivery>();
        services.AddSingleton<IActionDelivery>(sp => sp.GetRequiredService<RecordingDelivery>());
        services.AddSingleton<FixedSuppressionList>();
        services.AddSingleton<ICustomerSuppression>(sp => sp.GetRequiredService<FixedSuppressionList>());
        services.AddOptions<RetentionOptions>();
        services.AddOptions<ContactPolicyOptions>();
        services.AddOptions<ControlGroupOptions>();
        services.AddSingleton<ActivePlaybooks>();
        services.AddSingleton<RetentionRuntime>();
        services.AddSingleton<RetentionStepRunner>();
    }

    private sealed class NoDispatch : ICommittedEventSink
    {
        public void Committed(IReadOnlyList<Domain.Events.LoggedEvent> batch)
        {
        }
    }
}
