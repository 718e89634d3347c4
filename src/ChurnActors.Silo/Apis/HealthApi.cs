using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Storage;
using ChurnActors.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>Liveness plus what an operator wants at a glance: storage, recovery, backlog.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (IOptions<StorageOptions> storage, RecoveryStatus recovery, GrainDispatcher dispatcher, AppliedWatermark watermark, NewCustomerHints newCustomers) =>
            TypedResults.Ok(new
            {
                status = "ok",
                storage = storage.Value.Mode.ToString(),
                durable = storage.Value.Mode == StorageMode.PostgreSql,
                recovery = new { finished = recovery.Finished, customers = recovery.Customers, caughtUp = recovery.Done },
                dispatchBacklog = dispatcher.Backlog,
                catchingUp = dispatcher.CatchingUp,
                appliedThrough = watermark.AppliedThrough,
                pendingCustomers = watermark.PendingCustomers,
                newCustomerReadsSkipped = newCustomers.ReadsSkipped,
            }));
        return app;
    }
}
