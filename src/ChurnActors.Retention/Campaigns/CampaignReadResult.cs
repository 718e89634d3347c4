using ChurnActors.Retention.Playbooks;

namespace ChurnActors.Retention.Campaigns;

/// <summary>A checked campaign definition, or every problem found (each at its JSON path).</summary>
public sealed record CampaignReadResult(CampaignDefinition? Definition, IReadOnlyList<PlaybookProblem> Problems);
