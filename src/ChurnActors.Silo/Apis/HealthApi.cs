using ChurnActors.Api.Contracts;
using ChurnActors.Grains.Customers;
using ChurnActors.Grains.Dispatch;
using ChurnActors.Grains.Storage;
using ChurnActors.Silo.Health;
using ChurnActors.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Apis;

/// <summary>
/// <c>/health/live</c> (the process is up) and <c>/health/ready</c> (the database answers, recovery has finished, the
/// dispatch backlog is under its bound, this silo is active in the cluster), from the health checks; and <c>/health</c>, the operator's glance at
/// storage, recovery and backlog. No key.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).WithTags("Health");
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(HealthTags.Ready),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        return app;
    }

    private static Ok<HealthResponse> GetHealth(
        IOptions<StorageOptions> storage, RecoveryStatus recovery, GrainDispatcher dispatcher, AppliedWatermark watermark, NewCustomerHints newCustomers) =>
        TypedResults.Ok(new HealthResponse(
            Status: "ok",
            Storage: storage.Value.Mode.ToString(),
            Durable: storage.Value.Mode == StorageMode.PostgreSql,
            Recovery: new RecoveryResponse(recovery.Finished, recovery.Customers, recovery.Done, recovery.Takeovers, recovery.TakeoverCustomers),
            DispatchBacklog: dispatcher.Backlog,
            CatchingUp: dispatcher.CatchingUp,
            AppliedThrough: watermark.AppliedThrough,
            PendingCustomers: watermark.PendingCustomers,
            NewCustomerReadsSkipped: newCustomers.ReadsSkipped));
}
