using Hangfire;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// Recurring: creates the first job of actions recorded more than a minute ago whose job was never created (the
/// process stopped between recording the action and enqueueing it).
/// </summary>
public sealed class UnscheduledDeliveriesJob(IDeliveryStore store, IBackgroundJobClient jobs, TimeProvider time, ILogger<UnscheduledDeliveriesJob> logger)
{
    /// <summary>The recurring job's stable id.</summary>
    public const string RecurringJobId = "retention-delivery-unscheduled";

    private const int BatchSize = 1000;
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    [Queue(DeliveryQueues.Webhooks)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await store.UnscheduledAsync(now - Grace, BatchSize, cancellationToken).ConfigureAwait(false);
        foreach (var (key, notBefore) in rows)
        {
            var jobId = HangfireActionDelivery.Schedule(jobs, key, notBefore, now);
            await store.SetJobAsync([key], jobId, cancellationToken).ConfigureAwait(false);
        }

        if (rows.Count > 0)
        {
            DeliveryLog.Rescheduled(logger, rows.Count);
        }
    }
}
