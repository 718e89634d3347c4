namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Hangfire queue names of delivery.</summary>
public static class DeliveryQueues
{
    /// <summary>Webhook attempts.</summary>
    public const string Webhooks = "webhooks";
}
