using ChurnActors.Retention.Campaigns;

namespace ChurnActors.Storage.Campaigns;

/// <summary>
/// One fire of a campaign. <see cref="SnapshotAt"/> is set when its members and arms were written (the start of the
/// outcome window); <see cref="Status"/> is <c>queued</c>, <c>running</c>, <c>waiting</c> (members deferred by quiet
/// hours remain), <c>finished</c> or <c>failed</c>.
/// </summary>
public sealed record CampaignRun(
    long RunId,
    string CampaignId,
    string FireKey,
    int CampaignVersion,
    CampaignDefinition Definition,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SnapshotAt,
    int? Members,
    DateTimeOffset? FinishedAt,
    string? Error);
