namespace ChurnActors.Api.Contracts;

/// <summary>A retention episode of the customer in <c>GET /v1/users/{userId}</c>, with every decision about its steps.</summary>
/// <param name="EpisodeId">The episode's id (the <c>episodeId</c> of its webhooks).</param>
/// <param name="PlaybookId">The playbook it runs.</param>
/// <param name="PlaybookVersion">The version it started with and keeps.</param>
/// <param name="Arm"><c>treated</c> or <c>control</c>.</param>
/// <param name="ControlReason"><c>global</c> or <c>holdout</c> for the control arm; null otherwise.</param>
/// <param name="FromBand">The band before the entry; null when the entry was the customer's first score.</param>
/// <param name="ToBand">The band entered.</param>
/// <param name="OpenedAt">When the episode opened.</param>
/// <param name="OutcomeEndsAt">When its outcome window ends.</param>
/// <param name="ExitReason"><c>goal</c>, <c>band-exit</c>, <c>completed</c> or <c>disabled</c>; null while open.</param>
/// <param name="ExitedAt">When it ended.</param>
/// <param name="GoalAt">When the goal event happened inside the outcome window.</param>
/// <param name="RevenueInWindow">Order revenue inside the outcome window so far.</param>
/// <param name="Actions">The decisions about its steps, by due time, each with its reason.</param>
public sealed record EpisodeResponse(
    long EpisodeId,
    string PlaybookId,
    int PlaybookVersion,
    string Arm,
    string? ControlReason,
    string? FromBand,
    string ToBand,
    DateTimeOffset OpenedAt,
    DateTimeOffset OutcomeEndsAt,
    string? ExitReason,
    DateTimeOffset? ExitedAt,
    DateTimeOffset? GoalAt,
    decimal RevenueInWindow,
    IReadOnlyList<EpisodeActionResponse> Actions);
