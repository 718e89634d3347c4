using System.Text.Json;

namespace ChurnActors.Retention.Playbooks;

/// <summary>
/// A webhook or an offer sent to a named endpoint. Endpoints (URL and signing secret) are configured on the host under
/// <c>ChurnActors:Retention:Endpoints:&lt;name&gt;</c>, so a playbook never carries a secret.
/// </summary>
public sealed record PlaybookAction
{
    public required PlaybookActionType Type { get; init; }

    /// <summary>The name of a configured endpoint.</summary>
    public required string Endpoint { get; init; }

    /// <summary>Extra fields merged into the payload as given (e.g. a template name, a campaign code); empty by default.</summary>
    public IReadOnlyDictionary<string, JsonElement> Payload { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The coupon of an <see cref="PlaybookActionType.Offer"/>; null for a webhook.</summary>
    public PlaybookCoupon? Coupon { get; init; }
}
