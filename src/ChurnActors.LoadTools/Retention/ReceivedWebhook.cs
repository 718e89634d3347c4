namespace ChurnActors.LoadTools.Retention;

/// <summary>One webhook a <see cref="WebhookReceiver"/> answered: when, where, its idempotency key, whether it was signed, and its body's fields.</summary>
public sealed record ReceivedWebhook(DateTimeOffset At, string Path, string? IdempotencyKey, bool Signed, WebhookBody? Body);
