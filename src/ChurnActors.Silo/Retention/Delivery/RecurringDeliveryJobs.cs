using Hangfire;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Registers delivery's recurring jobs (stable ids, so every host updates the same ones) when the host starts.</summary>
public sealed class RecurringDeliveryJobs(IRecurringJobManager recurring) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<UnscheduledDeliveriesJob>(
            UnscheduledDeliveriesJob.RecurringJobId, DeliveryQueues.Webhooks, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
