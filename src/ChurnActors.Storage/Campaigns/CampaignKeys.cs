using System.Globalization;

namespace ChurnActors.Storage.Campaigns;

/// <summary>The idempotency key of a campaign contact and the fire keys of runs.</summary>
public static class CampaignKeys
{
    /// <summary><c>campaign-&lt;runId&gt;-&lt;customer&gt;</c>: one delivery per run and member.</summary>
    public static string Action(long runId, string customerKey) => string.Create(CultureInfo.InvariantCulture, $"campaign-{runId}-{customerKey}");

    /// <summary>A run started from the API or CLI ("run now", or a campaign created with schedule now).</summary>
    public static string Manual(string requestId) => "manual:" + requestId;

    /// <summary>A scheduled or recurring fire at <paramref name="at"/>.</summary>
    public static string Fire(string kind, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{kind}:{at.ToUnixTimeSeconds()}");
}
