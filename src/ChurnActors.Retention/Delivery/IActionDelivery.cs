namespace ChurnActors.Retention.Delivery;

/// <summary>
/// Delivers retention actions to webhook endpoints, durably and at least once, each under the idempotency key its
/// caller fixed. Enqueueing the same key again is a no-op, so a caller that replays its decisions after a crash never
/// creates a second delivery.
/// </summary>
public interface IActionDelivery
{
    /// <summary>Records the action and schedules its delivery.</summary>
    /// <param name="action">The action, its endpoint and its idempotency key.</param>
    /// <param name="notBefore">The earliest time to deliver; null or a past time delivers as soon as possible.</param>
    /// <param name="cancellationToken">Cancels the enqueueing, not a delivery already recorded.</param>
    /// <returns>Whether the action was new, or its key was already known (and nothing was done).</returns>
    /// <exception cref="ArgumentException">The action names an endpoint that is not configured, or has no key.</exception>
    Task<EnqueueOutcome> EnqueueAsync(WebhookAction action, DateTimeOffset? notBefore, CancellationToken cancellationToken = default);
}
