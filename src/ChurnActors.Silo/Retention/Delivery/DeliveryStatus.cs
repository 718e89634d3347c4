namespace ChurnActors.Silo.Retention.Delivery;

/// <summary>Where an action's delivery stands (the <c>status</c> column of <c>webhook_deliveries</c>).</summary>
public enum DeliveryStatus
{
    /// <summary>Not attempted yet.</summary>
    Pending,

    /// <summary>An attempt failed; the next is scheduled.</summary>
    Retrying,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>The last attempt failed, or the endpoint refused the action for good: on the dead-letter list.</summary>
    Dead,
}
