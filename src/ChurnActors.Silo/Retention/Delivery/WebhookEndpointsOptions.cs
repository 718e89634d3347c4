namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Bound from <c>ChurnActors:Retention:Endpoints</c>: the webhook endpoints by name (case-insensitive).</summary>
public sealed class WebhookEndpointsOptions
{
    public const string SectionName = "ChurnActors:Retention:Endpoints";

    /// <summary>The shortest secret accepted.</summary>
    public const int MinSecretLength = 16;

    public Dictionary<string, WebhookEndpoint> Endpoints { get; } = new(StringComparer.OrdinalIgnoreCase);
}
