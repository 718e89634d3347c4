namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>The headers of a webhook request besides the signature.</summary>
public static class WebhookHeaders
{
    /// <summary>The action's idempotency key, the same on every attempt: receivers dedupe on it.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>The attempt's number, from 1.</summary>
    public const string Attempt = "X-ChurnActors-Attempt";

    /// <summary>The name of the HTTP client delivery sends with (<see cref="IHttpClientFactory"/>).</summary>
    public const string HttpClientName = "churnactors-webhooks";
}
