namespace ChurnActors.Retention.Delivery;

/// <summary>One action to deliver to a webhook endpoint.</summary>
/// <param name="IdempotencyKey">
/// Fixed by the caller before enqueueing and derived from what caused the action (e.g. customer, playbook, episode and
/// step), never random: it is sent as the <c>Idempotency-Key</c> header on every attempt, and the same key enqueued
/// again is ignored. At most 200 characters.
/// </param>
/// <param name="Endpoint">The name of a configured endpoint (<c>ChurnActors:Retention:Endpoints:&lt;name&gt;</c>).</param>
/// <param name="Payload">The JSON body.</param>
public sealed record WebhookAction(string IdempotencyKey, string Endpoint, RetentionActionPayload Payload)
{
    /// <summary>The longest idempotency key accepted.</summary>
    public const int MaxKeyLength = 200;
}
