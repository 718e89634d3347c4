using Hangfire;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// One attempt of one webhook, run by Hangfire (at least once). The attempt is claimed in the delivery record first, so
/// a job that runs again after a success sends nothing; HTTP failures are retried by scheduling the next attempt as a
/// new job with its own delay (which honours <c>Retry-After</c>), and Hangfire's own retries cover only failures of the
/// job itself, such as an unreachable database.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDeliveryStore store,
    WebhookSender sender,
    IBackgroundJobClient jobs,
    IOptionsMonitor<WebhookEndpointsOptions> endpoints,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<WebhookDeliveryJob> logger)
{
    /// <param name="idempotencyKey">The action's key.</param>
    /// <param name="attempt">The attempt's number, from 1.</param>
    /// <param name="cancellationToken">Hangfire's shutdown token: an attempt cut short runs again after the restart.</param>
    [Queue(DeliveryQueues.Webhooks)]
    [AutomaticRetry(Attempts = 10)]
    [JobDisplayName("Webhook {0}, attempt {1}")]
    public async Task DeliverAsync(string idempotencyKey, int attempt, CancellationToken cancellationToken)
    {
        var delivery = await store.ClaimAsync(idempotencyKey, attempt, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            DeliveryLog.Skipped(logger, idempotencyKey, attempt);
            return;
        }

        var settings = options.Value;
        var started = time.GetUtcNow();
        var sent = endpoints.CurrentValue.Endpoints.TryGetValue(delivery.Endpoint, out var endpoint)
            ? await sender.SendAsync(endpoint, delivery, attempt, cancellationToken).ConfigureAwait(false)
            : new SendResult(SendResultKind.Refused, null,
                $"No endpoint named '{delivery.Endpoint}' is configured: set {WebhookEndpointsOptions.SectionName}:{delivery.Endpoint}:Url and :Secret.", null);
        var duration = time.GetUtcNow() - started;

        if (sent.Kind == SendResultKind.Delivered)
        {
            await store.RecordAsync(idempotencyKey, new AttemptResult(attempt, started, duration, sent.StatusCode, null, DeliveryStatus.Delivered, null), cancellationToken)
                .ConfigureAwait(false);
            DeliveryLog.Delivered(logger, idempotencyKey, delivery.Endpoint, attempt, sent.StatusCode);
            return;
        }

        if (sent.Kind == SendResultKind.Retry && attempt < settings.MaxAttempts)
        {
            var delay = DeliveryBackoff.Next(attempt, sent.RetryAfter, settings, Random.Shared.NextDouble());
            var next = ScheduleTime.NotBefore(time.GetUtcNow() + delay);

            // The next attempt's job exists before the record says so: a crash in between leaves a job whose claim
            // still succeeds, never a retrying action without a job.
            jobs.Schedule<WebhookDeliveryJob>(j => j.DeliverAsync(idempotencyKey, attempt + 1, CancellationToken.None), next);
            await store.RecordAsync(idempotencyKey, new AttemptResult(attempt, started, duration, sent.StatusCode, sent.Error, DeliveryStatus.Retrying, next), cancellationToken)
                .ConfigureAwait(false);
            DeliveryLog.WillRetry(logger, idempotencyKey, delivery.Endpoint, attempt, settings.MaxAttempts, sent.Error, delay);
            return;
        }

        await store.RecordAsync(idempotencyKey, new AttemptResult(attempt, started, duration, sent.StatusCode, sent.Error, DeliveryStatus.Dead, null), cancellationToken)
            .ConfigureAwait(false);
        DeliveryLog.DeadLettered(logger, idempotencyKey, delivery.Endpoint, attempt, sent.Error);
    }
}
