namespace ChurnActors.Api.Contracts;

/// <summary>One decision about a step of an episode.</summary>
/// <param name="StepId">The step's id in the playbook.</param>
/// <param name="Channel">The channel the step contacts through.</param>
/// <param name="DueAt">When the step was due.</param>
/// <param name="Decision"><c>sent</c>, <c>control</c>, <c>capped</c>, <c>quiet-hours</c> (deferred), <c>suppressed</c>,
/// <c>budget</c>, <c>exited</c> or <c>failed</c>.</param>
/// <param name="Reason">Why, in a sentence.</param>
/// <param name="IdempotencyKey">The key the webhook of a sent step carries.</param>
/// <param name="DecidedAt">When it was decided.</param>
public sealed record EpisodeActionResponse(
    string StepId,
    string Channel,
    DateTimeOffset DueAt,
    string Decision,
    string Reason,
    string IdempotencyKey,
    DateTimeOffset DecidedAt);
