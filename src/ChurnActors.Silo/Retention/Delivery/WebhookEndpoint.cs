namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>One webhook endpoint, bound from <c>ChurnActors:Retention:Endpoints:&lt;name&gt;</c>.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>Where actions are POSTed: an absolute http or https URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>The HMAC-SHA256 key of the <c>X-ChurnActors-Signature</c> header; the receiver holds the same secret.</summary>
    public string Secret { get; set; } = "";
}
