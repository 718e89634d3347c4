using System.Text.Json;
using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Campaigns;

/// <summary>Campaign definitions as JSON, in the playbooks' conventions (camelCase, enums as camelCase strings).</summary>
public static class CampaignJson
{
    public static string Serialize(CampaignDefinition definition) => JsonSerializer.Serialize(definition, PlaybookJson.Options);

    public static JsonElement ToElement(CampaignDefinition definition) => JsonSerializer.SerializeToElement(definition, PlaybookJson.Options);

    /// <summary>A definition stored by this code.</summary>
    /// <exception cref="JsonException">The JSON is not a campaign definition.</exception>
    public static CampaignDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<CampaignDefinition>(json, PlaybookJson.Options)
        ?? throw new JsonException("Expected a campaign definition but the JSON was null.");
}
