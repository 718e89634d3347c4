using System.Text.Json;
using ChurnActors.Retention.Delivery;
using Hangfire;
using Microsoft.Extensions.Options;

namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>
/// <see cref="IActionDelivery"/> on Hangfire: records the action under its key (a known key is a no-op), then creates
/// the job of its first attempt and notes the job; it returns once all are written. Immediate actions are recorded and
/// share their first job with the others enqueued at the same moment (<see cref="DeliveryBatcher"/>); a delayed one
/// gets its own scheduled job. A process that stops between the writes leaves a pending action without a job, which
/// <see cref="UnscheduledDeliveriesJob"/> enqueues.
/// </summary>
public sealed class HangfireActionDelivery(
    IDeliveryStore store,
    IBackgroundJobClient jobs,
    DeliveryBatcher batcher,
    IOptionsMonitor<WebhookEndpointsOptions> endpoints,
    TimeProvider time,
    ILogger<HangfireActionDelivery> logger) : IActionDelivery
{
    public async Task<EnqueueOutcome> EnqueueAsync(WebhookAction action, DateTimeOffset? notBefore, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (string.IsNullOrWhiteSpace(action.IdempotencyKey) || action.IdempotencyKey.Length > WebhookAction.MaxKeyLength)
        {
            throw new ArgumentException($"An action needs an idempotency key of 1 to {WebhookAction.MaxKeyLength} characters.", nameof(action));
        }

        if (!endpoints.CurrentValue.Endpoints.ContainsKey(action.Endpoint))
        {
            throw new ArgumentException(
                $"No webhook endpoint named '{action.Endpoint}' is configured: set {WebhookEndpointsOptions.SectionName}:{action.Endpoint}:Url and :Secret.",
                nameof(action));
        }

        var body = JsonSerializer.Serialize(action.Payload, DeliveryJson.Options);
        var now = time.GetUtcNow();
        bool added;
        if (notBefore is { } at && at > now)
        {
            added = await store.AddAsync(action.IdempotencyKey, action.Endpoint, body, notBefore, now, cancellationToken).ConfigureAwait(false);
            if (added)
            {
                var jobId = Schedule(jobs, action.IdempotencyKey, notBefore, now);
                await store.SetJobAsync([action.IdempotencyKey], jobId, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            added = await batcher.EnqueueAsync(new NewDelivery(action.IdempotencyKey, action.Endpoint, body), cancellationToken).ConfigureAwait(false);
        }

        if (!added)
        {
            DeliveryLog.AlreadyKnown(logger, action.IdempotencyKey);
            return EnqueueOutcome.AlreadyKnown;
        }

        return EnqueueOutcome.Enqueued;
    }

    /// <summary>Creates the job of the first attempt: enqueued, or scheduled for <paramref name="notBefore"/>.</summary>
    internal static string Schedule(IBackgroundJobClient jobs, string idempotencyKey, DateTimeOffset? notBefore, DateTimeOffset now) =>
        notBefore is { } at && at > now
            ? jobs.Schedule<WebhookDeliveryJob>(j => j.DeliverAsync(idempotencyKey, 1, CancellationToken.None), ScheduleTime.NotBefore(at))
            : jobs.Enqueue<WebhookDeliveryJob>(j => j.DeliverAsync(idempotencyKey, 1, CancellationToken.None));
}
