using Hangfire;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// The first attempt of several actions enqueued together (<see cref="DeliveryBatcher"/>), sent in parallel. Each action
/// is claimed on its own, so a batch that runs again sends only what is not delivered yet; each failed action schedules
/// its own retries.
/// </summary>
public sealed class WebhookBatchJob(WebhookDeliveryJob single, IOptions<DeliveryOptions> options)
{
    [Queue(DeliveryQueues.Webhooks)]
    [AutomaticRetry(Attempts = 10)]
    [JobDisplayName("Webhooks, first attempt of a batch")]
    public async Task DeliverAsync(string[] idempotencyKeys, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(
            idempotencyKeys,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchParallelism, CancellationToken = cancellationToken },
            async (key, token) => await single.DeliverAsync(key, 1, token).ConfigureAwait(false)).ConfigureAwait(false);
}
