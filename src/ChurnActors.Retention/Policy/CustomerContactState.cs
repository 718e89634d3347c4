namespace ChurnActors.Retention.Policy;

/// <summary>
/// What the contact policy needs to know about one customer. Compact and serializable, to be kept in the customer
/// grain's state: only contacts that some frequency cap counts and that lie inside the longest cap window are kept
/// (see <see cref="ContactPolicy.Apply"/>), so its size is bounded by the caps.
/// </summary>
public sealed record CustomerContactState
{
    /// <summary>No contacts, no suppression, no time zone.</summary>
    public static readonly CustomerContactState Empty = new();

    /// <summary>Recent contacts, oldest first.</summary>
    public IReadOnlyList<ContactRecord> Contacts { get; init; } = [];

    /// <summary>The signals that forbid contacting the customer (the caller sets the admin list flag from the list).</summary>
    public SuppressionSignals Suppression { get; init; }

    /// <summary>The customer's IANA time zone (Segment <c>context.timezone</c>), or null for the shop's default.</summary>
    public string? TimeZone { get; init; }
}
