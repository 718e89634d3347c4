namespace ChurnActors.Api.Contracts;

/// <summary>One run of a campaign.</summary>
/// <param name="RunId">The run.</param>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="FireKey">What fired it: <c>manual:…</c>, <c>at:&lt;unix seconds&gt;</c>, <c>cron:&lt;unix seconds&gt;</c> or <c>job:&lt;Hangfire job id&gt;</c>.</param>
/// <param name="CampaignVersion">The campaign version the run uses.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>waiting</c> (members deferred by quiet hours remain), <c>finished</c> or <c>failed</c>.</param>
/// <param name="CreatedAt">When it was fired.</param>
/// <param name="SnapshotAt">When its members were taken: the start of the outcome window.</param>
/// <param name="FinishedAt">When every member was decided.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Progress">Members and decisions so far; in lists, null.</param>
public sealed record CampaignRunResponse(
    long RunId,
    string CampaignId,
    string FireKey,
    int CampaignVersion,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SnapshotAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    CampaignProgressResponse? Progress);
