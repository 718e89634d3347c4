namespace ChurnActors.Retention.Playbooks;

/// <summary>What a step does.</summary>
public enum PlaybookActionType
{
    /// <summary>Posts the customer's JSON payload (with the step's extras) to a configured endpoint.</summary>
    Webhook,

    /// <summary>A webhook whose payload also carries a coupon whose value the playbook sets.</summary>
    Offer,
}
