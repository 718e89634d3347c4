using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// This host's Hangfire server, on this host's storage and container only (no process-wide Hangfire state), with the
/// recurring jobs registered before it starts.
/// </summary>
public sealed class DeliveryServer(JobStorage storage, IServiceScopeFactory scopes, IRecurringJobManager recurring, IOptions<DeliveryOptions> options)
    : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<UnscheduledDeliveriesJob>(
            UnscheduledDeliveriesJob.RecurringJobId, DeliveryQueues.Webhooks, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        var settings = options.Value;
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = settings.WorkerCount,
                Queues = [DeliveryQueues.Webhooks, "default"],
                SchedulePollingInterval = settings.SchedulePollingInterval,
                Activator = new ServiceScopeJobActivator(scopes),
                FilterProvider = JobFilterProviders.Providers,
            },
            storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        _server.SendStop();
        await _server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _server?.Dispose();
}
