namespace ChurnActors.Storage.Retention;

/// <summary>
/// One decision about a step of an episode. <see cref="IdempotencyKey"/> is unique across all actions (see
/// <see cref="RetentionKeys"/>): recording the same key again changes nothing.
/// </summary>
public sealed record ActionRecord
{
    public required long EpisodeId { get; init; }

    public required string StepId { get; init; }

    public required string Channel { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required ActionDecision Decision { get; init; }

    /// <summary>Why, in words (e.g. "2 email messages in the last 7 days, cap 2").</summary>
    public required string Reason { get; init; }

    public required string IdempotencyKey { get; init; }

    public required DateTimeOffset DecidedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }
}
