namespace ChurnActors.Retention.Policy;

/// <summary>The signals that forbid contacting a customer at all. Any one of them suppresses every contact.</summary>
[Flags]
public enum SuppressionSignals
{
    /// <summary>Nothing forbids contacting the customer.</summary>
    None = 0,

    /// <summary>The customer's traits carry <c>unsubscribed: true</c>.</summary>
    UnsubscribedTrait = 1,

    /// <summary>The customer sent an <c>Unsubscribed</c> event.</summary>
    UnsubscribedEvent = 2,

    /// <summary>An admin put the customer on the suppression list.</summary>
    AdminList = 4,
}
