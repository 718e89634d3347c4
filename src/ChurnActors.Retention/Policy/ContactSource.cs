using System.Globalization;

namespace ChurnActors.Retention.Policy;

/// <summary>The playbook step (id, version, step index) or campaign behind a contact.</summary>
/// <param name="Kind">Playbook or campaign.</param>
/// <param name="Id">The playbook id or campaign id; also the holdout scope of the control groups.</param>
/// <param name="Version">The playbook version the episode runs; null for campaigns.</param>
/// <param name="Step">The step index within the playbook version; null for campaigns.</param>
public sealed record ContactSource(ContactSourceKind Kind, string Id, int? Version = null, int? Step = null)
{
    /// <summary>A playbook step.</summary>
    public static ContactSource Playbook(string id, int version, int step) => new(ContactSourceKind.Playbook, id, version, step);

    /// <summary>A campaign.</summary>
    public static ContactSource Campaign(string id) => new(ContactSourceKind.Campaign, id);

    /// <summary>
    /// A compact, unique text for the source: <c>playbook:{id}@{version}#{step}</c> or <c>campaign:{id}</c>. Recorded
    /// with each contact, named in reasons, and the last tie-breaker of priority arbitration (ordinal order).
    /// </summary>
    public string Key => Kind == ContactSourceKind.Campaign
        ? "campaign:" + Id
        : string.Create(CultureInfo.InvariantCulture, $"playbook:{Id}@{Version}#{Step}");

    public override string ToString() => Key;
}
