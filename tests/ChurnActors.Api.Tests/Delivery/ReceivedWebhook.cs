namespace ChurnActors.Api.Tests.Delivery;

/// <summary>One request the <see cref="WebhookReceiver"/> got, with when it came (since the receiver started).</summary>
public sealed record ReceivedWebhook(
    string Path,
    string IdempotencyKey,
    string Signature,
    string Attempt,
    string? ContentType,
    byte[] Body,
    TimeSpan ReceivedAt);
