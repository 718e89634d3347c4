using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Scoring;
using ChurnActors.Grains.Storage;
using ChurnActors.Storage.EventLog;
using ChurnActors.Storage.WakeUps;
using Microsoft.Extensions.DependencyInjection;

namespace ChurnActors.Grains.Tests;

/// <summary>
/// What every test silo needs for customer grains: memory grain storage, an in-memory event log that is not wired to
/// a dispatcher (tests decide what reaches a grain), the watermark, the scoring models and an in-memory wake-up index.
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
    }

    private sealed class NoDispatch : ICommittedEventSink
    {
        public void Committed(IReadOnlyList<Domain.Events.LoggedEvent> batch)
        {
        }
    }
}
